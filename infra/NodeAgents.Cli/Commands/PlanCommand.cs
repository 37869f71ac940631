using NodeAgents.Input;
using System.CommandLine;
using NodeAgents.Building;
using NodeAgents.Cli.Output;
using NodeAgents.Placement;

namespace NodeAgents.Cli.Commands;

/// <summary>
/// <c>nodeagents plan --stack NAME --nodes PATH</c>: which node gets which agent, what all agents take from each node, and
/// where coverage is missing, for a real node inventory (<c>kubectl get nodes -o json|yaml</c>, a file or a folder).
/// Prints a table grouped by node group and the problems (<c>-o json</c>, <c>-o markdown</c> for machines and pull requests);
/// <c>--html FILE</c> also writes a self-contained agent × node-group matrix. Exit codes: 0 clean (warnings allowed),
/// 1 errors (coverage gaps, Pending pods, host-port clashes, or a stack that breaks validation rules, which is not planned),
/// 2 unreadable stack or inventory, or an HTML file it cannot write.
/// </summary>
internal static class PlanCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var stack = CommonOptions.Stack();
        var projectDirectory = CommonOptions.ProjectDirectory();
        var nodes = new Option<string>("--nodes", "-n")
        {
            Description = "The node inventory: the output of kubectl get nodes -o json or -o yaml (a v1 List or a single Node), or a folder of such files.",
            Required = true,
        };
        var format = new Option<string>("--output", "-o") { Description = "table (default), json or markdown.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json", "markdown");
        var html = new Option<FileInfo?>("--html") { Description = "Also write the agent × node-group matrix as a self-contained HTML page to this file." };
        var manifests = new Option<string?>("--manifests", "-m")
        {
            Description = "Also plan the DaemonSets of these manifests (a YAML/JSON file or folder: kubectl get ds -A -o yaml, helm template output); --stack is then optional.",
        };
        var pods = new Option<string?>("--pods", "-p")
        {
            Description = "The pods already on the nodes: kubectl get pods -A -o json or -o yaml (a List or PodList, file or folder; - for standard input). Fit then counts them, and agents that preempt them are shown.",
        };
        var priorityClasses = new Option<string?>("--priority-classes")
        {
            Description = "The cluster's priority classes (kubectl get priorityclasses -o json), for the agents' priority beyond the two built-in system classes.",
        };
        stack.Required = false;

        var command = new Command("plan", "Show which nodes each agent lands on, what the agents take per node, and coverage gaps, for a node inventory.")
        {
            stack, projectDirectory, nodes, format, html, manifests, pods, priorityClasses,
        };
        command.SetAction(parse => Run(
            parse.GetValue(projectDirectory)!,
            parse.GetValue(stack)!,
            parse.GetValue(nodes)!,
            parse.GetValue(format)!,
            parse.GetValue(html),
            parse.GetValue(manifests),
            parse.GetValue(pods),
            parse.GetValue(priorityClasses),
            stdout,
            stderr));
        return command;
    }

    private static int Run(DirectoryInfo projectDirectory, string? stack, string nodesPath, string format, FileInfo? html, string? manifestsPath, string? podsPath, string? priorityClassesPath, TextWriter stdout, TextWriter stderr)
    {
        if (stack is null && manifestsPath is null)
        {
            stderr.WriteLine("error: plan needs --stack NAME, --manifests PATH, or both.");
            return ExitCodes.BadInput;
        }

        var daemonSets = new List<k8s.Models.V1DaemonSet>();
        var policy = ManifestPlanning.NoPolicy;
        if (stack is not null)
        {
            var bound = StackLoading.TryLoad(projectDirectory, stack, stderr);
            if (bound is null)
            {
                return ExitCodes.BadInput;
            }

            // Plan only what render and pulumi up would deploy: a stack that breaks validation rules is refused first.
            var built = ManifestSet.Build(bound.Agents, bound.PartOf);
            if (!Validation.Passes(built, stack, stderr))
            {
                return ExitCodes.Findings;
            }

            daemonSets.AddRange(built.Agents.Select(agent => agent.Objects.DaemonSet));
            policy = bound.Coverage;
        }

        PlacementPlan plan;
        try
        {
            if (manifestsPath is not null)
            {
                daemonSets = ManifestPlanning.Merge(daemonSets, ManifestDaemonSets.Read(manifestsPath));
            }

            if (StandardInput.Names(nodesPath) && podsPath is not null && StandardInput.Names(podsPath))
            {
                stderr.WriteLine("error: --nodes and --pods cannot both read standard input.");
                return ExitCodes.BadInput;
            }

            // The pods of the DaemonSets being planned are left out: the plan replaces them.
            IReadOnlyDictionary<string, NodePods>? existing = null;
            if (podsPath is not null)
            {
                using var podsInput = StandardInput.Open(podsPath, "--pods (standard input)");
                existing = PodInventory.Read(podsInput.Path, daemonSets.Select(daemonSet => (daemonSet.Metadata.NamespaceProperty ?? "default", daemonSet.Metadata.Name)).ToList());
            }

            // The inventory is streamed into the planner; its problems surface after the last node, before any output.
            using var nodesInput = StandardInput.Open(nodesPath, "--nodes (standard input)");
            var classes = priorityClassesPath is null ? null : PriorityClasses.Read(priorityClassesPath);
            plan = PlacementPlanner.Plan(daemonSets, nodesInput.Path, policy, existing, classes);
        }
        catch (InputException error)
        {
            var what = error.Problems.All(problem => manifestsPath is not null && problem.File.StartsWith(manifestsPath, StringComparison.Ordinal)) ? "the manifests"
                : podsPath is not null && error.Problems.All(problem => problem.File.StartsWith(podsPath, StringComparison.Ordinal) || problem.File.StartsWith("--pods", StringComparison.Ordinal)) ? "the pod list"
                : priorityClassesPath is not null && error.Problems.All(problem => problem.File == priorityClassesPath) ? "the priority classes"
                : "the node inventory";
            stderr.WriteLine($"error: {error.Problems.Count} problem{(error.Problems.Count == 1 ? "" : "s")} in {what}; nothing was written.");
            foreach (var problem in error.Problems)
            {
                stderr.WriteLine("  " + problem);
            }

            return ExitCodes.BadInput;
        }
        catch (ArgumentException error) when (manifestsPath is not null)
        {
            stderr.WriteLine($"error: the DaemonSets cannot be planned; nothing was written.");
            foreach (var line in error.Message.Split('\n'))
            {
                stderr.WriteLine("  " + line);
            }

            return ExitCodes.BadInput;
        }

        stack ??= "none (--manifests " + manifestsPath + ")";
        if (html is not null)
        {
            try
            {
                PlanHtml.WriteFile(plan, stack, nodesPath, html.FullName);
            }
            catch (OutputFolderException error)
            {
                stderr.WriteLine("error: " + error.Message);
                return ExitCodes.BadInput;
            }
        }

        switch (format)
        {
            case "json":
                stdout.WriteLine(PlanJson.Write(plan, stack, nodesPath));
                break;
            case "markdown":
                stdout.Write(PlanMarkdown.Write(plan, stack, nodesPath));
                break;
            default:
                PlanTable.Write(plan, stack, nodesPath, stdout);
                break;
        }

        if (html is not null && format == "table")
        {
            stdout.WriteLine($"matrix → {DisplayPath.Of(html.FullName)}");
        }

        return plan.HasErrors ? ExitCodes.Findings : ExitCodes.Ok;
    }
}
