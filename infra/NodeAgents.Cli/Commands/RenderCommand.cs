using System.CommandLine;
using NodeAgents.Building;
using NodeAgents.Cli.Output;
using NodeAgents.Rendering;
using NodeAgents.Stacks.Config;

namespace NodeAgents.Cli.Commands;

/// <summary>
/// <c>nodeagents render --stack NAME</c>: builds every object of the stack and writes it as YAML, one file per object, into
/// <c>out/&lt;stack&gt;/</c> (or <c>--out DIR</c>), replacing that folder atomically; or, with <c>--stdout</c>, one
/// multi-document stream. <c>-o json</c> writes a <c>v1</c> <c>List</c> instead (<c>list.json</c> in the folder, or to stdout).
/// Every stack is validated first (<see cref="Validation.Passes"/>): any error writes nothing and exits 1.
/// </summary>
internal static class RenderCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var stack = CommonOptions.Stack();
        stack.Required = false;
        stack.Description = "The stack to render: NAME means Pulumi.NAME.yaml next to Pulumi.yaml. Default: every stack file there.";
        var projectDirectory = CommonOptions.ProjectDirectory();
        var outDirectory = new Option<DirectoryInfo?>("--out")
        {
            Description = "The folder to replace with the manifests. Default: out/<stack> under the project folder.",
        };
        var toStdout = new Option<bool>("--stdout") { Description = "Write one multi-document YAML stream (or JSON List) to stdout instead of files." };
        var format = new Option<string>("--output", "-o") { Description = "yaml (default) or json (a v1 List).", DefaultValueFactory = _ => "yaml" };
        format.AcceptOnlyFromAmong("yaml", "json");

        var command = new Command("render", "Write the stack's Kubernetes manifests (the main job).") { stack, projectDirectory, outDirectory, toStdout, format };
        command.SetAction(parse =>
        {
            var project = parse.GetValue(projectDirectory)!;
            if (!project.Exists)
            {
                stderr.WriteLine($"error: the project folder {project.FullName} does not exist; nothing was written.");
                return ExitCodes.BadInput;
            }

            var stacks = parse.GetValue(stack) is { } one ? [one] : StackFiles.StackNames(project.FullName);
            if (stacks.Count == 0)
            {
                stderr.WriteLine($"error: no Pulumi.<stack>.yaml files in {project.FullName}; nothing was written.");
                return ExitCodes.BadInput;
            }

            if (parse.GetValue(outDirectory) is not null && parse.GetValue(toStdout))
            {
                stderr.WriteLine("error: --out and --stdout exclude each other: write files or a stream, not both.");
                return ExitCodes.BadInput;
            }

            if (stacks.Count > 1 && (parse.GetValue(outDirectory) is not null || parse.GetValue(toStdout)))
            {
                stderr.WriteLine("error: --out and --stdout take one stack; add --stack NAME.");
                return ExitCodes.BadInput;
            }

            // Bind every stack before writing any, so bad input anywhere writes nothing.
            var bound = stacks.Select(name => (name, stack: StackLoading.TryLoad(project, name, stderr))).ToList();
            if (bound.Any(item => item.stack is null))
            {
                return ExitCodes.BadInput;
            }

            // A stack that deploys no agent is refused unless it allows that (node-agents:allowEmpty: true).
            if (bound.Count(item => EmptyStack.Refused(item.stack!, stderr)) > 0)
            {
                return ExitCodes.Findings;
            }

            // Validate every stack before writing any: an error anywhere writes nothing (exit 1); warnings are printed only.
            var built = bound.Select(item => (item.name, manifests: ManifestSet.Build(item.stack!.Agents, item.stack.PartOf))).ToList();
            var passed = built.Select(item => Validation.Passes(item.manifests, item.name, stderr)).ToList();
            if (passed.Contains(false))
            {
                return ExitCodes.Findings;
            }

            // Check every output folder and file name before writing any, so a refused stack never leaves another half-done.
            if (!parse.GetValue(toStdout))
            {
                foreach (var (name, manifests) in built)
                {
                    var clashes = manifests.Objects.GroupBy(ManifestRenderer.FileName, StringComparer.Ordinal).Where(group => group.Count() > 1).ToList();
                    foreach (var clash in clashes)
                    {
                        stderr.WriteLine($"error: stack {name}: {string.Join(" and ", clash.Select(obj => $"{obj.Kind} {obj.Metadata.NamespaceProperty}/{obj.Metadata.Name}"))} would both be written to {clash.Key}; rename one of them; nothing was written.");
                    }

                    if (clashes.Count > 0)
                    {
                        return ExitCodes.BadInput;
                    }

                    try
                    {
                        OutputFolder.EnsureReplaceable(OutputPath(project, name, parse.GetValue(outDirectory)));
                    }
                    catch (OutputFolderException error)
                    {
                        stderr.WriteLine("error: " + error.Message + "; nothing was written.");
                        return ExitCodes.BadInput;
                    }
                }
            }

            var exit = ExitCodes.Ok;
            foreach (var (name, manifests) in built)
            {
                exit = Math.Max(exit, Run(project, name, manifests, parse.GetValue(outDirectory), parse.GetValue(toStdout), parse.GetValue(format)!, stdout, stderr));
            }

            return exit;
        });
        return command;
    }

    private static string OutputPath(DirectoryInfo projectDirectory, string stack, DirectoryInfo? outDirectory) =>
        outDirectory?.FullName ?? Path.Combine(projectDirectory.FullName, "out", stack);

    private static int Run(DirectoryInfo projectDirectory, string stack, ManifestSet manifests, DirectoryInfo? outDirectory, bool toStdout, string format, TextWriter stdout, TextWriter stderr)
    {
        var objects = manifests.Objects;
        if (toStdout)
        {
            stdout.Write(format == "json" ? ManifestRenderer.ToJsonList(objects) : ManifestRenderer.ToYamlStream(objects));
            RenderSummary.Write(manifests, stack, objects.Count, "stdout", stderr);
            return ExitCodes.Ok;
        }

        var folder = OutputPath(projectDirectory, stack, outDirectory);
        var files = format == "json"
            ? new SortedDictionary<string, string>(StringComparer.Ordinal) { ["list.json"] = ManifestRenderer.ToJsonList(objects) }
            : new SortedDictionary<string, string>(objects.ToDictionary(ManifestRenderer.FileName, ManifestRenderer.ToYaml), StringComparer.Ordinal);
        try
        {
            OutputFolder.Replace(folder, files);
        }
        catch (OutputFolderException error)
        {
            stderr.WriteLine("error: " + error.Message);
            return ExitCodes.BadInput;
        }

        RenderSummary.Write(manifests, stack, objects.Count, DisplayPath.Of(folder), stdout);
        return ExitCodes.Ok;
    }
}
