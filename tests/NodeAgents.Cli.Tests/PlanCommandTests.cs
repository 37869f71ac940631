using System.Text.Json;

namespace NodeAgents.Cli.Tests;

/// <summary>
/// <c>nodeagents plan</c> on the real inventories of ../shared/data/nodes with both stacks. Expected placement, by reasoning
/// on each node: the four Linux agents select <c>kubernetes.io/os=linux</c> and tolerate every taint, so they land on every
/// node with that label whatever its taints (kind's and OpenShift's masters, the GPU, spot and arm64 nodes) and on none
/// without it (the Windows node; the 2018 GKE node, which has only <c>beta.kubernetes.io/os</c>); prod's two Windows agents
/// (fluent-bit-windows, windows-exporter) select <c>kubernetes.io/os=windows</c> and land on the Windows node alone. The
/// t3.small nodes (1930m, 1437Mi, 11 pods) hold all prod agents for Linux (452m, 852Mi, 4 pods). Prod requires logging and
/// monitoring everywhere and security on non-Windows nodes; dev requires logging and monitoring on non-Windows nodes.
/// </summary>
public class PlanCommandTests
{
    private static string Inventory(string file) => Path.Combine(RepoPaths.SharedData, "nodes", file);

    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = Cli.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private static (int Exit, JsonElement Plan) RunJson(string stack, string inventory, string? projectDirectory = null)
    {
        var (exit, output, error) = Run("plan", "--stack", stack, "--nodes", inventory, "--project-dir", projectDirectory ?? RepoPaths.Root, "-o", "json");
        Assert.True(exit is 0 or 1, error);
        return (exit, JsonDocument.Parse(output).RootElement);
    }

    /// <summary>The prod stack's Windows agents; every other agent selects <c>kubernetes.io/os=linux</c>.</summary>
    private static readonly string[] WindowsAgents = ["fluent-bit-windows", "windows-exporter"];

    /// <summary>
    /// node → outcome of every agent for the node's operating system but Falco (they decide alike on these inventories),
    /// checked agent by agent: on a Windows node the Windows agents where the stack has any, elsewhere the Linux ones; the
    /// agents for the other system must be kept off by their selector. Falco's runtime requirements are checked in PlanRuntimeTests.
    /// </summary>
    private static Dictionary<string, string> Outcomes(JsonElement plan)
    {
        var result = new Dictionary<string, string>();
        foreach (var group in plan.GetProperty("groups").EnumerateArray())
        {
            var windowsNode = group.GetProperty("description").GetString()!.StartsWith("windows ", StringComparison.Ordinal);
            var placement = group.GetProperty("placement").EnumerateObject().Where(agent => agent.Name != "falco").ToList();
            var own = placement.Where(agent => WindowsAgents.Contains(agent.Name) == windowsNode).ToList();
            own = own.Count == 0 ? placement : own;
            Assert.All(placement.Except(own), agent => Assert.Equal("excludedBySelector", agent.Value.GetProperty("outcome").GetString()));
            var outcome = Assert.Single(own.Select(agent => agent.Value.GetProperty("outcome").GetString()!).Distinct());
            foreach (var node in group.GetProperty("nodes").EnumerateArray())
            {
                result[node.GetString()!] = outcome;
            }
        }

        return result;
    }

    public static TheoryData<string, string, int, string[], string[]> Inventories => new()
    {
        // file, stack, exit code, nodes where the agents land, nodes excluded by the selector; exit 1 on the nodes whose kernel
        // is below 5.8 (AKS GPU 5.4, EKS arm64 5.4, OpenShift 4.18): Falco is created there but will not run
        { "kind-3node.json", "prod", 0, ["kind-control-plane", "kind-worker", "kind-worker2"], [] },
        { "kind-3node.json", "dev", 0, ["kind-control-plane", "kind-worker", "kind-worker2"], [] },
        { "openshift-aws-6node.json", "prod", 1, ["ocp-aws-master-0", "ocp-aws-master-1", "ocp-aws-master-2", "ocp-aws-worker-0", "ocp-aws-worker-1", "ocp-aws-worker-2"], [] },
        { "openshift-aws-6node.json", "dev", 1, ["ocp-aws-master-0", "ocp-aws-master-1", "ocp-aws-master-2", "ocp-aws-worker-0", "ocp-aws-worker-1", "ocp-aws-worker-2"], [] },
        { "eks-managed-2node.json", "prod", 0, ["eks-ng-node-1", "eks-ng-node-2"], [] },
        { "eks-managed-2node.json", "dev", 0, ["eks-ng-node-1", "eks-ng-node-2"], [] },
        { "eks-arm64-1node.json", "prod", 1, ["eks-arm64-node-1"], [] },
        { "eks-arm64-1node.json", "dev", 1, ["eks-arm64-node-1"], [] },
        { "gke-spot-tainted-1node.json", "prod", 0, ["gke-cluster-a-n2-standard-4-v2-0000000a-n001"], [] },
        { "gke-spot-tainted-1node.json", "dev", 0, ["gke-cluster-a-n2-standard-4-v2-0000000a-n001"], [] },
        { "aks-gpu-1node.json", "prod", 1, ["aks-gpunp-00000001-vmss000000"], [] },
        { "aks-gpu-1node.json", "dev", 1, ["aks-gpunp-00000001-vmss000000"], [] },
        { "gke-preemptible-1node.json", "prod", 1, [], ["gke-cluster-b-pool-1-0000000b-n001"] },
        { "gke-preemptible-1node.json", "dev", 1, [], ["gke-cluster-b-pool-1-0000000b-n001"] },
        { "aks-windows-spot-1node.json", "prod", 0, ["aksnpwin000000"], [] },
        { "aks-windows-spot-1node.json", "dev", 0, [], ["aksnpwin000000"] },
    };

    [Theory]
    [MemberData(nameof(Inventories))]
    public void Each_real_inventory_gets_its_expected_placement_and_exit_code(string file, string stack, int exit, string[] lands, string[] excluded)
    {
        var (actualExit, plan) = RunJson(stack, Inventory(file));
        var expected = lands.ToDictionary(node => node, _ => "lands");
        foreach (var node in excluded)
        {
            expected[node] = "excludedBySelector";
        }

        Assert.Equal(expected.OrderBy(pair => pair.Key), Outcomes(plan).OrderBy(pair => pair.Key));
        Assert.Equal(exit, actualExit);
        Assert.Equal(stack == "prod" ? 6 : 4, plan.GetProperty("agents").GetArrayLength());
    }

    [Fact]
    public void The_2018_GKE_node_without_kubernetes_io_os_is_a_coverage_gap_for_every_required_role()
    {
        var (_, prod) = RunJson("prod", Inventory("gke-preemptible-1node.json"));
        var problems = prod.GetProperty("problems").EnumerateArray().ToList();
        Assert.Equal(["logging", "monitoring", "security"], problems.Select(problem => problem.GetProperty("message").GetString()!.Split(' ')[1]));
        Assert.All(problems, problem => Assert.Equal("coverageGap", problem.GetProperty("kind").GetString()));
        Assert.Contains("nodeSelector kubernetes.io/os=linux (node has no label kubernetes.io/os)", problems[0].GetProperty("message").GetString());

        var (_, dev) = RunJson("dev", Inventory("gke-preemptible-1node.json"));
        Assert.Equal(2, dev.GetProperty("summary").GetProperty("errors").GetInt32());
    }

    [Fact]
    public void The_tight_eks_nodes_collapse_into_one_group_with_the_agent_tax()
    {
        var (_, plan) = RunJson("prod", Inventory("eks-managed-2node.json"));
        var group = Assert.Single(plan.GetProperty("groups").EnumerateArray());
        Assert.Equal(2, group.GetProperty("nodes").GetArrayLength());
        Assert.Equal(1930, group.GetProperty("allocatable").GetProperty("cpuMillicores").GetInt64());
        Assert.Equal(1471840L * 1024, group.GetProperty("allocatable").GetProperty("memoryBytes").GetInt64());
        // fluent-bit 100m/128Mi + node-exporter 102m/180Mi + node-local-dns 50m/32Mi + falco 200m/512Mi.
        Assert.Equal(452, group.GetProperty("agentRequests").GetProperty("cpuMillicores").GetInt64());
        Assert.Equal(852L << 20, group.GetProperty("agentRequests").GetProperty("memoryBytes").GetInt64());
        Assert.Equal(23.4, group.GetProperty("agentTaxPercent").GetProperty("cpu").GetDouble());
        Assert.Equal(36.4, group.GetProperty("agentTaxPercent").GetProperty("pods").GetDouble());

        // Pulumi.prod.yaml budgets 15% cpu and 15% memory: the t3.small nodes are over both (a warning; exit 0).
        var problem = Assert.Single(plan.GetProperty("problems").EnumerateArray());
        Assert.Equal(("warning", "overBudget"), (problem.GetProperty("severity").GetString(), problem.GetProperty("kind").GetString()));
        Assert.Equal("the agents' requests on 2 nodes of g1 (eks-ng-node-1, …) exceed the agent tax budget (node-agents:coverage budget): cpu 23.4% > 15%, memory 59.3% > 15% of allocatable",
            problem.GetProperty("message").GetString());
    }

    [Fact]
    public void A_budget_can_be_an_error_and_a_bad_share_is_reported_at_its_line()
    {
        var folder = Directory.CreateTempSubdirectory("plan-budget-").FullName;
        try
        {
            File.Copy(Path.Combine(RepoPaths.Root, "Pulumi.yaml"), Path.Combine(folder, "Pulumi.yaml"));
            File.WriteAllText(Path.Combine(folder, "Pulumi.strict.yaml"), """
                config:
                  node-agents:logging: {}
                  node-agents:coverage:
                    required: {}
                    budget: {memory: 5%, severity: error}
                """);
            var (exit, plan) = RunJson("strict", Inventory("eks-managed-2node.json"), folder);
            Assert.Equal(1, exit); // fluent-bit alone: 128Mi of 1437Mi = 8.9% > 5%
            var problem = Assert.Single(plan.GetProperty("problems").EnumerateArray());
            Assert.Equal("error", problem.GetProperty("severity").GetString());
            Assert.EndsWith("memory 8.9% > 5% of allocatable", problem.GetProperty("message").GetString());

            File.WriteAllText(Path.Combine(folder, "Pulumi.bad.yaml"), """
                config:
                  node-agents:logging: {}
                  node-agents:coverage:
                    budget:
                      cpu: ten percent
                      severity: fatal
                """);
            var (badExit, _, error) = Run("plan", "--stack", "bad", "--nodes", Inventory("kind-3node.json"), "--project-dir", folder);
            Assert.Equal(2, badExit);
            Assert.Contains("Pulumi.bad.yaml:5:12: node-agents:coverage.budget.cpu: 'ten percent' is not a share of allocatable: expected a percentage from 0% to 100%, e.g. 15%", error);
            Assert.Contains("Pulumi.bad.yaml:6:17: node-agents:coverage.budget.severity: expected one of error, warning, got 'fatal'", error);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Control_plane_and_workers_are_separate_groups()
    {
        var (_, plan) = RunJson("prod", Inventory("openshift-aws-6node.json"));
        var groups = plan.GetProperty("groups").EnumerateArray().ToList();
        Assert.Equal(2, groups.Count);
        Assert.Equal("linux · master · node-role.kubernetes.io/master:NoSchedule", groups[0].GetProperty("description").GetString());
        Assert.Equal("linux · worker · no taints", groups[1].GetProperty("description").GetString());
    }

    [Fact]
    public void The_table_groups_nodes_and_lists_the_problems_and_the_markdown_is_a_table()
    {
        var (exit, output, _) = Run("plan", "--stack", "prod", "--nodes", Inventory("gke-preemptible-1node.json"), "--project-dir", RepoPaths.Root);
        Assert.Equal(1, exit);
        // Six agent columns do not fit the 200 columns of a non-terminal: the table is printed as a list (Terminal.cs).
        Assert.Contains("g1\n  nodes: 1: gke-cluster-b-pool-1-0000000b-n001\n", output);
        Assert.Contains("  windows-exporter: selector\n", output);
        Assert.Contains("error: no monitoring agent on node gke-cluster-b-pool-1-0000000b-n001 (g1), which the coverage policy requires: node-exporter: nodeSelector kubernetes.io/os=linux (node has no label kubernetes.io/os); windows-exporter: nodeSelector kubernetes.io/os=windows (node has no label kubernetes.io/os)", output);
        Assert.Contains("6 agents on 1 node in 1 group: 3 errors, 0 warnings", output);
        // In fit order: prod's system-node-critical agents, then node-exporter (system-cluster-critical).
        Assert.Contains("why not: g1 (gke-cluster-b-pool-1-0000000b-n001): fluent-bit, node-local-dns, falco, node-exporter: selector: nodeSelector kubernetes.io/os=linux (node has no label kubernetes.io/os)", output);

        var (_, dev, _) = Run("plan", "--stack", "dev", "--nodes", Inventory("aks-windows-spot-1node.json"), "--project-dir", RepoPaths.Root);
        Assert.Contains("│ g1 ", dev);
        Assert.Contains("why not: g1 (aksnpwin000000): node-local-dns, fluent-bit, node-exporter, falco: selector: nodeSelector kubernetes.io/os=linux (node has kubernetes.io/os=windows)", dev);

        var (_, markdown, _) = Run("plan", "--stack", "prod", "--nodes", Inventory("kind-3node.json"), "--project-dir", RepoPaths.Root, "-o", "markdown");
        Assert.Contains("| group | nodes | os · roles · taints | fluent-bit | fluent-bit-windows | node-exporter | windows-exporter | node-local-dns | falco |", markdown);
        Assert.Contains("| g2 | 2: kind-worker, kind-worker2 |", markdown);
        // Only the Windows agents are kept off the kind nodes, by their selector.
        Assert.Contains("**Why not**\n\n- g1 (kind-control-plane): fluent-bit-windows, windows-exporter: selector: nodeSelector kubernetes.io/os=windows (node has kubernetes.io/os=linux)\n", markdown);
        Assert.DoesNotContain("fluent-bit, ", markdown[markdown.IndexOf("**Why not**", StringComparison.Ordinal)..]);
    }

    [Fact]
    public void A_folder_of_inventories_is_one_cluster()
    {
        var (exit, plan) = RunJson("prod", Path.Combine(RepoPaths.SharedData, "nodes"));
        Assert.Equal(16, plan.GetProperty("summary").GetProperty("nodes").GetInt32());
        Assert.Equal(1, exit);
    }

    [Fact]
    public void The_html_matrix_is_self_contained_and_coloured_per_cell()
    {
        var folder = Directory.CreateTempSubdirectory("plan-html-").FullName;
        try
        {
            var file = Path.Combine(folder, "plan.html");
            var (exit, _, _) = Run("plan", "--stack", "prod", "--nodes", Path.Combine(RepoPaths.SharedData, "nodes"), "--project-dir", RepoPaths.Root, "--html", file);
            Assert.Equal(1, exit);
            var html = File.ReadAllText(file);
            Assert.DoesNotContain("<script", html);
            Assert.DoesNotContain("<link", html);
            Assert.DoesNotContain("url(", html);
            Assert.DoesNotContain("src=", html);
            Assert.Contains("<td class=\"cell lands\"", html);
            Assert.Contains("<td class=\"cell selector\" title=\"nodeSelector kubernetes.io/os=linux (node has kubernetes.io/os=windows)\"", html);
            Assert.Single(Directory.GetFiles(folder));

            // A second run may replace its own page, never someone else's file.
            Assert.Equal(1, Run("plan", "--stack", "prod", "--nodes", Path.Combine(RepoPaths.SharedData, "nodes"), "--project-dir", RepoPaths.Root, "--html", file).Item1);
            var foreign = Path.Combine(folder, "mine.html");
            File.WriteAllText(foreign, "<p>mine</p>");
            var (refused, _, error) = Run("plan", "--stack", "prod", "--nodes", Inventory("kind-3node.json"), "--project-dir", RepoPaths.Root, "--html", foreign);
            Assert.Equal(2, refused);
            Assert.Contains("is not a whole page written by nodeagents plan", error);
            Assert.Equal("<p>mine</p>", File.ReadAllText(foreign));

            // A file that only quotes the generator tag (a page pasted into notes) is not the tool's page either.
            var notes = Path.Combine(folder, "notes.html");
            File.WriteAllText(notes, File.ReadAllText(file) + "<p>my notes</p>\n");
            Assert.Equal(2, Run("plan", "--stack", "prod", "--nodes", Inventory("kind-3node.json"), "--project-dir", RepoPaths.Root, "--html", notes).Item1);
            Assert.EndsWith("<p>my notes</p>\n", File.ReadAllText(notes));

            // A folder or a symbolic link is refused with a message, never followed.
            var (folderExit, _, folderError) = Run("plan", "--stack", "prod", "--nodes", Inventory("kind-3node.json"), "--project-dir", RepoPaths.Root, "--html", folder);
            Assert.Equal(2, folderExit);
            Assert.StartsWith($"error: {folder}: is a folder; --html needs a file name", folderError);
            var link = Path.Combine(folder, "link.html");
            File.CreateSymbolicLink(link, file);
            var before = File.ReadAllText(file);
            var (linkExit, _, linkError) = Run("plan", "--stack", "prod", "--nodes", Inventory("kind-3node.json"), "--project-dir", RepoPaths.Root, "--html", link);
            Assert.Equal(2, linkExit);
            Assert.Contains("is a symbolic link", linkError);
            Assert.Equal(before, File.ReadAllText(file));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void An_unreadable_inventory_exits_2_with_every_problem_and_writes_nothing()
    {
        var folder = Directory.CreateTempSubdirectory("plan-bad-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "a.json"), "{\"kind\": \"List\", \"items\": [");
            File.WriteAllText(Path.Combine(folder, "b.yaml"), "kind: Pod\n");
            var html = Path.Combine(folder, "plan.html");
            var (exit, output, error) = Run("plan", "--stack", "prod", "--nodes", folder, "--project-dir", RepoPaths.Root, "--html", html);
            Assert.Equal(2, exit);
            Assert.Equal("", output);
            Assert.StartsWith("error: 2 problems in the node inventory; nothing was written.", error);
            Assert.Contains("a.json:1:", error);
            Assert.Contains("b.yaml: kind: 'Pod' is not one of List, NodeList, Node", error);
            Assert.DoesNotContain("   at ", error);
            Assert.False(File.Exists(html));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_bad_coverage_policy_exits_2_naming_file_line_and_key()
    {
        var folder = Directory.CreateTempSubdirectory("plan-stack-").FullName;
        try
        {
            File.Copy(Path.Combine(RepoPaths.Root, "Pulumi.yaml"), Path.Combine(folder, "Pulumi.yaml"));
            File.WriteAllText(Path.Combine(folder, "Pulumi.bad.yaml"), """
                config:
                  node-agents:logging: {}
                  node-agents:coverage:
                    required:
                      loging: "*"
                      security: os=linux os=windows
                    exclud: []
                """);
            var (exit, _, error) = Run("plan", "--stack", "bad", "--nodes", Inventory("kind-3node.json"), "--project-dir", folder);
            Assert.Equal(2, exit);
            Assert.Contains("Pulumi.bad.yaml:7:5: node-agents:coverage.exclud: unknown key; did you mean 'exclude'?", error);
            // Roles are open, so a misspelt one is caught as a role no agent of the stack has.
            Assert.Contains("Pulumi.bad.yaml:5:15: node-agents:coverage.required.loging: no agent of this stack has the role 'loging'; did you mean 'logging'? (roles of the stack's agents: logging); add an agent with role: loging or drop the requirement", error);
            Assert.Contains("Pulumi.bad.yaml:6:17: node-agents:coverage.required.security: 'os=linux os=windows' is not a requirement", error);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Problem_lines_are_never_wrapped_and_kinds_read_the_same_in_markdown_and_json()
    {
        var folder = Directory.CreateTempSubdirectory("plan-lines-").FullName;
        try
        {
            var name = new string('n', 230);
            var inventory = Path.Combine(folder, "one.json");
            File.WriteAllText(inventory, """{"kind":"List","items":[{"kind":"Node","metadata":{"name":"NAME","labels":{"kubernetes.io/os":"linux"}},"status":{"allocatable":{"cpu":"100m","memory":"64Mi","pods":"110"}}}]}""".Replace("NAME", name, StringComparison.Ordinal));
            var (exit, output, _) = Run("plan", "--stack", "prod", "--nodes", inventory, "--project-dir", RepoPaths.Root);
            Assert.Equal(1, exit);
            var pending = output.Split('\n').First(line => line.StartsWith("error: ", StringComparison.Ordinal));
            Assert.Contains($"node {name} (g1):", pending);
            Assert.EndsWith($"1 node in 1 group: {Count(output)} errors, {Count(output, "warning: ")} warning{(Count(output, "warning: ") == 1 ? "" : "s")}", output.TrimEnd());

            var (_, markdown, _) = Run("plan", "--stack", "prod", "--nodes", inventory, "--project-dir", RepoPaths.Root, "-o", "markdown");
            Assert.Contains("- **error** (pending): ", markdown);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        static int Count(string output, string prefix = "error: ") => output.Split('\n').Count(line => line.StartsWith(prefix, StringComparison.Ordinal));
    }

    [Fact]
    public void An_out_of_range_quantity_in_the_stack_or_the_inventory_exits_2_without_a_stack_trace()
    {
        var folder = Directory.CreateTempSubdirectory("plan-huge-").FullName;
        try
        {
            File.Copy(Path.Combine(RepoPaths.Root, "Pulumi.yaml"), Path.Combine(folder, "Pulumi.yaml"));
            File.WriteAllText(Path.Combine(folder, "Pulumi.huge.yaml"), """
                config:
                  node-agents:logging:
                    resources:
                      requests:
                        cpu: "99999999999999999"
                  node-agents:security:
                    resources:
                      requests:
                        memory: "100Ei"
                """);
            var (exit, output, error) = Run("plan", "--stack", "huge", "--nodes", Inventory("kind-3node.json"), "--project-dir", folder);
            Assert.Equal(2, exit);
            Assert.Equal("", output);
            Assert.StartsWith("error: 2 problems in the input; nothing was written.", error);
            Assert.Contains("Pulumi.huge.yaml:5:14: node-agents:logging.resources.requests.cpu: expected a quantity in range ('99999999999999999' is too large: cpu in millicores must be below 2^63 - 1)", error);
            Assert.Contains("Pulumi.huge.yaml:9:17: node-agents:security.resources.requests.memory: expected a quantity in range", error);

            // The same stack is refused alike by validate and render: one rule for every command.
            Assert.Equal(2, Run("validate", "--stack", "huge", "--project-dir", folder).Exit);
            Assert.Equal(2, Run("render", "--stack", "huge", "--project-dir", folder).Exit);
            Assert.False(Directory.Exists(Path.Combine(folder, "out")));
            Assert.DoesNotContain("   at ", error);

            var inventory = Path.Combine(folder, "huge.json");
            File.WriteAllText(inventory, """{"kind":"List","items":[{"kind":"Node","metadata":{"name":"x"},"status":{"allocatable":{"cpu":"1E","memory":"1e400"}}}]}""");
            var (nodesExit, _, nodesError) = Run("plan", "--stack", "prod", "--nodes", inventory, "--project-dir", RepoPaths.Root);
            Assert.Equal(2, nodesExit);
            Assert.Contains("huge.json:1:95: items[0].status.allocatable.cpu: '1E' is too large", nodesError);
            Assert.Contains("items[0].status.allocatable.memory: '1e400' is too large", nodesError);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void More_groups_than_one_table_holds_are_written_as_further_tables_with_every_group()
    {
        var folder = Directory.CreateTempSubdirectory("plan-many-").FullName;
        try
        {
            var items = Enumerable.Range(0, 1001).Select(index =>
                """{"kind":"Node","metadata":{"name":"nINDEX","labels":{"kubernetes.io/os":"linux"}},"status":{"allocatable":{"cpu":"4","memory":"MEMORYMi","pods":"110"}}}"""
                    .Replace("INDEX", $"{index}", StringComparison.Ordinal).Replace("MEMORY", $"{1000 + index}", StringComparison.Ordinal));
            var inventory = Path.Combine(folder, "many.json");
            File.WriteAllText(inventory, "{\"kind\":\"List\",\"items\":[" + string.Join(",\n", items) + "]}");
            var (_, output, _) = Run("plan", "--stack", "prod", "--nodes", inventory, "--project-dir", RepoPaths.Root);
            Assert.Equal(2, output.Split('\n').Count(line => line.StartsWith('╭')));
            Assert.Contains("│ g1000 ", output);
            Assert.Contains("│ g1001 ", output);
            Assert.Contains("1001 nodes in 1001 groups", output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
