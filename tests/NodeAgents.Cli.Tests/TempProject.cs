namespace NodeAgents.Cli.Tests;

/// <summary>A throwaway project folder with the repository's Pulumi.yaml and stack files, deleted on dispose.</summary>
public sealed class TempProject : IDisposable
{
    public TempProject(bool copyStacks = true)
    {
        Directory.CreateDirectory(Path);
        File.Copy(System.IO.Path.Combine(RepoPaths.Root, "Pulumi.yaml"), System.IO.Path.Combine(Path, "Pulumi.yaml"));
        if (copyStacks)
        {
            foreach (var stack in new[] { "dev", "prod" })
            {
                File.Copy(System.IO.Path.Combine(RepoPaths.Root, $"Pulumi.{stack}.yaml"), System.IO.Path.Combine(Path, $"Pulumi.{stack}.yaml"));
            }
        }
    }

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "nodeagents-test-" + Guid.NewGuid().ToString("N")[..8]);

    public string Write(string name, string content)
    {
        var path = System.IO.Path.Combine(Path, name);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>Runs the CLI with <c>--project-dir</c> set to this folder.</summary>
    public (int Exit, string Stdout, string Stderr) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = Cli.Run([.. args, "--project-dir", Path], stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
