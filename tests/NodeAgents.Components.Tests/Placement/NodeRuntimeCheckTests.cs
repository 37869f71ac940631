using k8s.Models;
using NodeAgents.Model;
using NodeAgents.Placement;
using NodeAgents.Presets;
using static NodeAgents.Components.Tests.Placement.Fixtures;

namespace NodeAgents.Components.Tests.Placement;

/// <summary>
/// <see cref="NodeRuntimeCheck"/> and <see cref="NodeRequirements"/> on the real <c>status.nodeInfo</c> values of
/// ../shared/data/nodes. Falco: "usually, all versions &gt;=5.8 are enough" (Falco docs, "Kernel Events", modern eBPF
/// probe requirements); the preset mounts only /run/containerd/containerd.sock.
/// </summary>
public class NodeRuntimeCheckTests
{
    private static V1Node WithInfo(string? kernel, string? architecture, string? runtime, string os = "linux")
    {
        var node = Node("n1", new() { ["kubernetes.io/os"] = os });
        node.Status.NodeInfo = new V1NodeSystemInfo { KernelVersion = kernel, Architecture = architecture, ContainerRuntimeVersion = runtime, OperatingSystem = os };
        return node;
    }

    [Theory]
    [InlineData("5.4.0-1112-azure", new[] { 5, 4, 0 })]
    [InlineData("4.18.0-147.8.1.el8_1.x86_64", new[] { 4, 18, 0 })]
    [InlineData("5.4.129-63.229.amzn2.aarch64", new[] { 5, 4, 129 })]
    [InlineData("6.12.94+", new[] { 6, 12, 94 })]
    [InlineData("4.14.56+", new[] { 4, 14, 56 })]
    [InlineData("5.10.76-linuxkit", new[] { 5, 10, 76 })]
    [InlineData("6.1.158-180.294.amzn2023.x86_64", new[] { 6, 1, 158 })]
    [InlineData("5.8", new[] { 5, 8 })]
    public void Kernel_releases_are_read_by_their_leading_numbers(string release, int[] expected)
    {
        Assert.True(KernelRelease.TryParse(release, out var numbers));
        Assert.Equal(expected, numbers);
    }

    [Theory]
    [InlineData("")]
    [InlineData("linux")]
    [InlineData("5")]
    [InlineData("v5.8")]
    public void A_kernel_without_a_leading_major_minor_does_not_parse(string release) =>
        Assert.False(KernelRelease.TryParse(release, out _));

    [Theory]
    [InlineData("5.4.0-1112-azure", "amd64", "containerd://1.7.1+azure-1", "willNotRun:kernel 5.4.0-1112-azure < 5.8 needed by Falco's modern eBPF driver")]
    [InlineData("4.18.0-147.8.1.el8_1.x86_64", "amd64", "cri-o://1.17.3-1.rhaos4.4.el8",
        "willNotRun:kernel 4.18.0-147.8.1.el8_1.x86_64 < 5.8 needed by Falco's modern eBPF driver|degraded:container runtime cri-o://1.17.3-1.rhaos4.4.el8: the pod mounts only /run/containerd/containerd.sock (containerd), so no container metadata")]
    [InlineData("6.1.158-180.294.amzn2023.x86_64", "amd64", "containerd://2.1.5", "")]
    [InlineData("5.8.0", "arm64", "containerd://2.2.5", "")]
    [InlineData("6.12.94+", "amd64", "docker://19.3.13", "degraded:container runtime docker://19.3.13: the pod mounts only /run/containerd/containerd.sock (containerd), so no container metadata")]
    [InlineData("6.12.94+", "s390x", "containerd://2.2.5", "willNotRun:architecture s390x: the image publishes only amd64, arm64")]
    [InlineData(null, "amd64", null,
        "unknown:kernel unknown (no status.nodeInfo.kernelVersion): 5.8 needed by Falco's modern eBPF driver not checked|unknown:container runtime unknown (no status.nodeInfo.containerRuntimeVersion): the pod mounts /run/containerd/containerd.sock (containerd)")]
    [InlineData("5.15.0-1034-gke", null, "containerd://1.7.1", "unknown:architecture unknown (no status.nodeInfo.architecture): the image publishes amd64, arm64")]
    public void Falcos_requirements_against_real_node_facts(string? kernel, string? architecture, string? runtime, string expected)
    {
        var verdicts = NodeRuntimeCheck.Check(SecurityAgentPreset.Requirements, WithInfo(kernel, architecture, runtime));
        var text = string.Join("|", verdicts.Select(verdict => $"{System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(verdict.Kind.ToString())}:{verdict.Reason}"));
        Assert.Equal(expected, text);
    }

    [Fact]
    public void The_kernel_of_a_Windows_node_is_not_compared()
    {
        var windows = WithInfo("10.0.20348.2655", "amd64", "containerd://1.7.17+azure", os: "windows");
        Assert.Empty(NodeRuntimeCheck.Check(new NodeRequirements { MinimumKernel = "11.0" }, windows));
    }

    [Fact]
    public void The_annotation_round_trips_and_a_bad_one_names_the_clause()
    {
        var text = SecurityAgentPreset.Requirements.ToAnnotation();
        Assert.Equal("kernel>=5.8 for Falco's modern eBPF driver; runtime=containerd:/run/containerd/containerd.sock for container metadata; arch=amd64,arm64", text);
        Assert.True(NodeRequirements.TryParse(text, out var parsed, out _));
        Assert.Equal(SecurityAgentPreset.Requirements.ToAnnotation(), parsed.ToAnnotation());
        Assert.Equal([new RuntimeSocket("containerd", "/run/containerd/containerd.sock")], parsed.ContainerRuntimes);

        Assert.False(NodeRequirements.TryParse("kernel>=five", out _, out var error));
        Assert.Equal("'kernel>=five': expected kernel>=N.N[ for REASON], runtime=SCHEME:SOCKET[,…][ for REASON] or arch=A[,B…]", error);
        Assert.False(NodeRequirements.TryParse("runtime=containerd", out _, out error));
        Assert.Equal("'runtime=containerd': expected runtime=SCHEME:SOCKET[,SCHEME:SOCKET…]", error);
    }

    [Fact]
    public void A_DaemonSet_with_a_bad_requires_annotation_is_an_input_problem_naming_it()
    {
        var daemonSet = DaemonSet("agent");
        daemonSet.Metadata.Annotations = new Dictionary<string, string> { [NodeRequirements.Annotation] = "kernel>=new" };
        var error = Assert.Throws<ArgumentException>(() => DaemonSetPlacement.For(daemonSet));
        Assert.StartsWith("DaemonSet agent, metadata.annotations[nodeagents.io/requires]: 'kernel>=new'", error.Message);
    }

    [Fact]
    public void The_planner_keeps_the_pods_requests_of_an_agent_that_will_not_run_and_splits_nodes_by_kernel()
    {
        var falco = DaemonSet("falco", "security", cpu: "100m");
        falco.Metadata.Annotations = new Dictionary<string, string> { [NodeRequirements.Annotation] = "kernel>=5.8 for the driver" };
        var old = WithInfo("5.4.0-1112-azure", "amd64", "containerd://1.7.1");
        old.Metadata.Name = "old";
        var recent = WithInfo("6.1.158", "amd64", "containerd://1.7.1");
        recent.Metadata.Name = "recent";
        var plan = PlacementPlanner.Plan([falco], [old, recent], new CoveragePolicy { Required = new Dictionary<string, string>(), Exclude = [] });

        Assert.Equal(2, plan.Groups.Count);
        var decision = plan.DecisionFor("falco", "old");
        Assert.Equal((PlacementOutcome.WillNotRun, false, "kernel 5.4.0-1112-azure < 5.8 needed by the driver"), (decision.Outcome, decision.Degraded, decision.Reason));
        Assert.Equal(100, plan.GroupOf("old").AgentRequests.MilliCpu);
        Assert.Equal(PlacementOutcome.Lands, plan.DecisionFor("falco", "recent").Outcome);
        var problem = Assert.Single(plan.Problems);
        Assert.Equal((PlanSeverity.Error, PlanProblemKind.WillNotRun), (problem.Severity, problem.Kind));
        Assert.Equal("falco is created but will not run on node old (g1): kernel 5.4.0-1112-azure < 5.8 needed by the driver", problem.Message);
    }

    [Fact]
    public void Requirements_bound_from_config_are_checked()
    {
        Assert.Empty(SecurityAgentPreset.Requirements.Check());
        var bad = new NodeRequirements { MinimumKernel = "5.8-rc1", ContainerRuntimes = [new RuntimeSocket { Scheme = "containerd" }], Architectures = ["amd64,arm64"] };
        Assert.Equal(["minimumKernel", "containerRuntimes[0]", "architectures[0]"], bad.Check().Select(problem => problem.Path));
    }

    [Fact]
    public void A_streamed_inventory_groups_nodes_by_kernel_architecture_and_runtime()
    {
        var file = Path.Combine(Path.GetTempPath(), $"nodes-{Guid.NewGuid():N}.json");
        static string Item(string name, string kernel, string runtime) =>
            """{"kind":"Node","metadata":{"name":"NAME","labels":{"kubernetes.io/os":"linux"}},"status":{"allocatable":{"cpu":"4","memory":"8Gi","pods":"110"},"nodeInfo":{"kernelVersion":"KERNEL","architecture":"amd64","containerRuntimeVersion":"RUNTIME","operatingSystem":"linux","osImage":"x"}}}"""
                .Replace("NAME", name, StringComparison.Ordinal).Replace("KERNEL", kernel, StringComparison.Ordinal).Replace("RUNTIME", runtime, StringComparison.Ordinal);
        File.WriteAllText(file, "{\"kind\":\"List\",\"items\":[" + string.Join(",", Item("a", "6.1.158", "containerd://2.1.5"), Item("b", "6.1.158", "containerd://2.1.5"),
            Item("c", "5.4.0-1112-azure", "containerd://2.1.5"), Item("d", "6.1.158", "cri-o://1.17.3")) + "]}");
        try
        {
            var plan = PlacementPlanner.Plan([NodeAgentBuilderFalco()], file, new CoveragePolicy { Required = new Dictionary<string, string>(), Exclude = [] });
            Assert.Equal([["a", "b"], ["c"], ["d"]], plan.Groups.Select(group => group.Nodes));
            Assert.Equal(["lands", "willNotRun", "willNotRun"], plan.Groups.Select(group => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(group.Decisions[0].Outcome.ToString())));
            Assert.Equal([false, false, true], plan.Groups.Select(group => group.Decisions[0].Degraded));
            Assert.Equal("cri-o://1.17.3", plan.Groups[2].NodeInfo.ContainerRuntimeVersion);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static V1DaemonSet NodeAgentBuilderFalco() => NodeAgents.Building.NodeAgentBuilder.Build(SecurityAgentPreset.Build()).DaemonSet;
}
