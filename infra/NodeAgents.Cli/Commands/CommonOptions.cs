using System.CommandLine;

namespace NodeAgents.Cli.Commands;

/// <summary>Options shared by the commands that read a stack.</summary>
internal static class CommonOptions
{
    public static Option<string> Stack() => new("--stack", "-s")
    {
        Description = "The stack to read: NAME means Pulumi.NAME.yaml next to Pulumi.yaml.",
        Required = true,
    };

    public static Option<DirectoryInfo> ProjectDirectory() => new("--project-dir")
    {
        Description = "The folder holding Pulumi.yaml. Default: the current folder.",
        DefaultValueFactory = _ => new DirectoryInfo(Directory.GetCurrentDirectory()),
    };
}
