using System.CommandLine;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using NodeAgents.Building;
using NodeAgents.Cli.Output;
using NodeAgents.Diff;
using NodeAgents.Input;
using NodeAgents.Placement;

namespace NodeAgents.Cli.Commands;

/// <summary>
/// <c>nodeagents diff --stack NAME --base REF_OR_DIR [--nodes PATH] [-o text|markdown|json]</c>: the stack's render now
/// against its render at a base (a git revision, rendered from a temporary worktree with the current binder, or a folder
/// <c>render</c> wrote earlier): changed objects with their fields, the impact per DaemonSet, security-relevant changes.
/// Exit codes: 0 no change, 3 changes found, 1 errors (the current stack breaks validation rules or deploys no agent without
/// <c>allowEmpty</c>), 2 unreadable input (stack, base, inventory).
/// </summary>
internal static class DiffCommand
{
    /// <summary>The exit code when the renders differ (so a pipeline can gate on it).</summary>
    public const int ChangesFound = 3;

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var stack = CommonOptions.Stack();
        var projectDirectory = CommonOptions.ProjectDirectory();
        var baseOption = new Option<string>("--base", "-b")
        {
            Description = "What to compare with: a git revision of the repository (HEAD~1, main, a commit) or a folder rendered earlier.",
            Required = true,
        };
        var nodes = new Option<string?>("--nodes", "-n") { Description = "A node inventory (kubectl get nodes -o json|yaml, a file or folder): node counts and waves per DaemonSet." };
        var format = new Option<string>("--output", "-o") { Description = "text (default), markdown (a pull-request comment) or json.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "markdown", "json");

        var command = new Command("diff", "Show what the stack's current render changes against a git revision or an earlier render: objects, rollouts, security.")
        {
            stack, projectDirectory, baseOption, nodes, format,
        };
        command.SetAction(parse => Run(parse.GetValue(projectDirectory)!, parse.GetValue(stack)!, parse.GetValue(baseOption)!, parse.GetValue(nodes), parse.GetValue(format)!, stdout, stderr));
        return command;
    }

    private static int Run(DirectoryInfo projectDirectory, string stack, string baseRef, string? nodesPath, string format, TextWriter stdout, TextWriter stderr)
    {
        var bound = StackLoading.TryLoad(projectDirectory, stack, stderr);
        if (bound is null)
        {
            return ExitCodes.BadInput;
        }

        if (EmptyStack.Refused(bound, stderr))
        {
            return ExitCodes.Findings;
        }

        var manifests = ManifestSet.Build(bound.Agents, bound.PartOf);
        if (!Validation.Passes(manifests, stack, stderr))
        {
            return ExitCodes.Findings;
        }

        var after = DiffInput.FromObjects(manifests.Objects);
        IReadOnlyList<JsonObject>? before;
        string baseText;
        try
        {
            (before, baseText) = ReadBase(projectDirectory, stack, baseRef, stderr);
        }
        catch (InputException error)
        {
            stderr.WriteLine($"error: {error.Problems.Count} problem{(error.Problems.Count == 1 ? "" : "s")} in the base {baseRef}; nothing was compared.");
            foreach (var problem in error.Problems)
            {
                stderr.WriteLine("  " + problem);
            }

            return ExitCodes.BadInput;
        }
        catch (IOException error)
        {
            stderr.WriteLine($"error: the base {baseRef} cannot be read: {error.Message}");
            return ExitCodes.BadInput;
        }

        if (before is null)
        {
            return ExitCodes.BadInput;
        }

        IReadOnlyDictionary<ObjectKey, int>? nodesBefore = null, nodesAfter = null;
        var nodeCount = 0;
        if (nodesPath is not null)
        {
            try
            {
                (nodesBefore, var countBefore) = Count(before, nodesPath);
                (nodesAfter, var countAfter) = Count(after, nodesPath);
                nodeCount = Math.Max(countBefore, countAfter);
            }
            catch (InputException error)
            {
                StackLoading.PrintProblems(error.Problems, stderr);
                return ExitCodes.BadInput;
            }
            catch (ArgumentException error)
            {
                stderr.WriteLine("error: the DaemonSets cannot be planned: " + error.Message);
                return ExitCodes.BadInput;
            }
        }

        DiffReport report;
        try
        {
            report = DiffReport.Build(before, after, nodesBefore, nodesAfter, requireDigests: stack == "prod");
        }
        catch (ArgumentException error)
        {
            stderr.WriteLine("error: " + error.Message);
            return ExitCodes.BadInput;
        }

        var header = new DiffHeader(stack, baseText, nodesPath, nodeCount);
        switch (format)
        {
            case "json":
                stdout.WriteLine(DiffJson.Write(report, header));
                break;
            case "markdown":
                stdout.Write(DiffMarkdown.Write(report, header));
                break;
            default:
                DiffText.Write(report, header, stdout);
                break;
        }

        return report.HasChanges ? ChangesFound : ExitCodes.Ok;
    }

    /// <summary>The base objects and how to name the base, or (null, …) after printing why it cannot be read.</summary>
    private static (IReadOnlyList<JsonObject>? Objects, string Text) ReadBase(DirectoryInfo projectDirectory, string stack, string baseRef, TextWriter stderr)
    {
        if (Directory.Exists(baseRef))
        {
            return (RenderedFolder.Read(baseRef), baseRef);
        }

        var commit = GitRevision.Resolve(projectDirectory.FullName, baseRef);
        if (commit is null)
        {
            stderr.WriteLine($"error: --base {baseRef} is neither a folder nor a git revision of the repository at {projectDirectory.FullName}.");
            return (null, baseRef);
        }

        var text = $"{baseRef} ({commit[..12]})";
        return GitRevision.InWorktree(projectDirectory.FullName, commit, folder =>
        {
            if (!File.Exists(Path.Combine(folder, $"Pulumi.{stack}.yaml")))
            {
                // The stack did not exist at the base: everything is new.
                return ((IReadOnlyList<JsonObject>)[], text + ", where the stack does not exist");
            }

            var bound = StackLoading.TryLoad(new DirectoryInfo(folder), stack, stderr);
            return bound is null ? (null, text) : (DiffInput.FromObjects(ManifestSet.Build(bound.Agents, bound.PartOf).Objects), text);
        });
    }

    /// <summary>Per DaemonSet, the nodes of the inventory where the DaemonSet controller creates its pod; and the inventory's node count.</summary>
    private static (IReadOnlyDictionary<ObjectKey, int> Counts, int Nodes) Count(IReadOnlyList<JsonObject> objects, string nodesPath)
    {
        var daemonSets = objects.Where(obj => ObjectKey.Of(obj).Kind == "DaemonSet").ToList();
        var counts = new Dictionary<ObjectKey, int>();
        if (daemonSets.Count == 0)
        {
            return (counts, 0);
        }

        var plan = PlacementPlanner.Plan(daemonSets.Select(obj => KubernetesJson.Deserialize<V1DaemonSet>(obj.ToJsonString())).ToList(), nodesPath, ManifestPlanning.NoPolicy);
        for (var i = 0; i < daemonSets.Count; i++)
        {
            counts[ObjectKey.Of(daemonSets[i])] = plan.Groups.Sum(group => group.Decisions[i].PodCreated ? group.Nodes.Count : 0);
        }

        return (counts, plan.NodeCount);
    }
}
