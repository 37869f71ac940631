using System.Text.Json;

namespace NodeAgents.Cli.Tests;

/// <summary>
/// <c>plan</c> with the nodes' runtime facts (<c>status.nodeInfo</c>) and <c>--manifests</c>, on the real inputs of
/// ../shared/data: the kernels are 5.4.0-1112-azure (AKS GPU), 5.4.129-63.229.amzn2.aarch64 with docker://19.3.13 (EKS
/// arm64), 4.18.0-147.8.1.el8_1.x86_64 with cri-o://1.17.3 (OpenShift ×6), 6.1.158 (EKS managed), 6.12.94+ (GKE spot),
/// 5.10.76-linuxkit (kind). Falco's modern eBPF driver needs 5.8 (Falco docs, "Kernel Events"); the preset mounts only the
/// containerd socket.
/// </summary>
public class PlanRuntimeTests
{
    private static string Data(params string[] parts) => Path.Combine([RepoPaths.SharedData, .. parts]);

    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = Cli.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private static JsonElement Json(params string[] args)
    {
        var (exit, output, error) = Run([.. args, "-o", "json"]);
        Assert.True(exit is 0 or 1, error);
        return JsonDocument.Parse(output).RootElement;
    }

    /// <summary>node → (outcome, degraded, reason) of <paramref name="agent"/>.</summary>
    private static Dictionary<string, (string Outcome, bool Degraded, string Reason)> Decisions(JsonElement plan, string agent) =>
        plan.GetProperty("groups").EnumerateArray()
            .SelectMany(group => group.GetProperty("nodes").EnumerateArray().Select(node => (node.GetString()!, group.GetProperty("placement").GetProperty(agent))))
            .ToDictionary(pair => pair.Item1, pair => (pair.Item2.GetProperty("outcome").GetString()!, pair.Item2.GetProperty("degraded").GetBoolean(), pair.Item2.GetProperty("reason").GetString()!));

    [Fact]
    public void Falco_will_not_run_where_the_kernel_is_below_5_8_and_runs_degraded_without_containerd()
    {
        var plan = Json("plan", "--stack", "prod", "--nodes", Data("nodes"), "--project-dir", RepoPaths.Root);
        var falco = Decisions(plan, "falco");

        Assert.Equal(("willNotRun", false, "kernel 5.4.0-1112-azure < 5.8 needed by Falco's modern eBPF driver"), falco["aks-gpunp-00000001-vmss000000"]);
        Assert.Equal(("willNotRun", false, "kernel 5.4.129-63.229.amzn2.aarch64 < 5.8 needed by Falco's modern eBPF driver; " +
            "container runtime docker://19.3.13: the pod mounts only /run/containerd/containerd.sock (containerd), so no container metadata"), falco["eks-arm64-node-1"]);
        foreach (var node in new[] { "ocp-aws-master-0", "ocp-aws-master-1", "ocp-aws-master-2", "ocp-aws-worker-0", "ocp-aws-worker-1", "ocp-aws-worker-2" })
        {
            Assert.Equal("willNotRun", falco[node].Outcome);
            Assert.StartsWith("kernel 4.18.0-147.8.1.el8_1.x86_64 < 5.8 needed by Falco's modern eBPF driver; container runtime cri-o://1.17.3-1.rhaos4.4.el8: the pod mounts only /run/containerd/containerd.sock", falco[node].Reason);
        }

        // 5.8 and later, containerd: lands.
        foreach (var node in new[] { "eks-ng-node-1", "eks-ng-node-2", "gke-cluster-a-n2-standard-4-v2-0000000a-n001", "kind-control-plane", "kind-worker", "kind-worker2" })
        {
            Assert.Equal(("lands", false, ""), falco[node]);
        }

        // The other agents declare no kernel or runtime; every real node's architecture (amd64, arm64) is published.
        Assert.All(Decisions(plan, "fluent-bit").Values, decision => Assert.NotEqual("willNotRun", decision.Outcome));
        var problems = plan.GetProperty("problems").EnumerateArray().Where(problem => problem.GetProperty("kind").GetString() == "willNotRun").ToList();
        Assert.Equal(4, problems.Count); // g1 AKS GPU, g3 EKS arm64, OpenShift masters, OpenShift workers
        Assert.All(problems, problem => Assert.Equal("error", problem.GetProperty("severity").GetString()));

        var openShift = plan.GetProperty("groups").EnumerateArray().First(group => group.GetProperty("nodes")[0].GetString() == "ocp-aws-master-0");
        Assert.Equal("cri-o://1.17.3-1.rhaos4.4.el8", openShift.GetProperty("nodeInfo").GetProperty("containerRuntimeVersion").GetString());
        Assert.Equal("4.18.0-147.8.1.el8_1.x86_64", openShift.GetProperty("nodeInfo").GetProperty("kernelVersion").GetString());
    }

    [Fact]
    public void The_table_markdown_and_html_show_the_new_outcome_with_its_reason()
    {
        var (exit, table, _) = Run("plan", "--stack", "prod", "--nodes", Data("nodes", "aks-gpu-1node.json"), "--project-dir", RepoPaths.Root);
        Assert.Equal(1, exit);
        Assert.Contains("WON'T RUN", table);
        Assert.Contains("error: falco is created but will not run on node aks-gpunp-00000001-vmss000000 (g1): kernel 5.4.0-1112-azure < 5.8 needed by Falco's modern eBPF driver", table);

        var (_, markdown, _) = Run("plan", "--stack", "prod", "--nodes", Data("nodes", "aks-gpu-1node.json"), "--project-dir", RepoPaths.Root, "-o", "markdown");
        Assert.Contains("💥 WON'T RUN", markdown);
        Assert.Contains("- **error** (willNotRun): falco is created but will not run", markdown);

        var html = Path.Combine(Directory.CreateTempSubdirectory("plan-runtime-").FullName, "plan.html");
        try
        {
            Run("plan", "--stack", "prod", "--nodes", Data("nodes", "aks-gpu-1node.json"), "--project-dir", RepoPaths.Root, "--html", html);
            Assert.Contains("<td class=\"cell wontrun\" title=\"kernel 5.4.0-1112-azure &lt; 5.8 needed by Falco&#39;s modern eBPF driver\">", File.ReadAllText(html).Replace("&#x27;", "&#39;", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(html)!, recursive: true);
        }
    }

    [Fact]
    public void A_node_that_does_not_report_its_kernel_is_unknown_never_guessed()
    {
        var folder = Directory.CreateTempSubdirectory("plan-unknown-").FullName;
        try
        {
            var inventory = Path.Combine(folder, "nodes.json");
            File.WriteAllText(inventory, """{"kind":"List","items":[{"kind":"Node","metadata":{"name":"bare","labels":{"kubernetes.io/os":"linux"}},"status":{"allocatable":{"cpu":"8","memory":"32Gi","pods":"110"},"nodeInfo":{"architecture":"amd64"}}}]}""");
            var plan = Json("plan", "--stack", "prod", "--nodes", inventory, "--project-dir", RepoPaths.Root);
            var falco = plan.GetProperty("groups")[0].GetProperty("placement").GetProperty("falco");
            Assert.Equal("lands", falco.GetProperty("outcome").GetString());
            Assert.Equal(
                ["kernel unknown (no status.nodeInfo.kernelVersion): 5.8 needed by Falco's modern eBPF driver not checked",
                 "container runtime unknown (no status.nodeInfo.containerRuntimeVersion): the pod mounts /run/containerd/containerd.sock (containerd)"],
                falco.GetProperty("unknown").EnumerateArray().Select(item => item.GetString()!));
            Assert.Equal("unknown", plan.GetProperty("groups")[0].GetProperty("nodeInfo").GetProperty("kernelVersion").GetString());
            var kinds = plan.GetProperty("problems").EnumerateArray().Select(problem => (problem.GetProperty("severity").GetString(), problem.GetProperty("kind").GetString())).Distinct();
            Assert.Contains(("warning", "runtimeFactUnknown"), kinds);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void The_real_EKS_DaemonSets_land_on_as_many_nodes_as_their_observed_desiredNumberScheduled()
    {
        var observed = JsonDocument.Parse(File.ReadAllText(Data("observed", "eks-managed-2node.daemonsets.json"))).RootElement.GetProperty("items").EnumerateArray()
            .ToDictionary(item => item.GetProperty("metadata").GetProperty("name").GetString()!, item => item.GetProperty("status").GetProperty("desiredNumberScheduled").GetInt32());
        Assert.Equal(2, observed.Count);

        var (exit, output, error) = Run("plan", "--manifests", Data("observed", "eks-managed-2node.daemonsets.json"), "--nodes", Data("nodes", "eks-managed-2node.json"), "-o", "json");
        Assert.Equal(0, exit);
        Assert.Equal("", error);
        var plan = JsonDocument.Parse(output).RootElement;
        foreach (var (name, desired) in observed)
        {
            var landed = plan.GetProperty("groups").EnumerateArray()
                .Where(group => group.GetProperty("placement").GetProperty(name).GetProperty("outcome").GetString() is "lands")
                .Sum(group => group.GetProperty("nodes").GetArrayLength());
            Assert.Equal(desired, landed);
        }
    }

    [Fact]
    public void The_upstream_manifests_plan_without_error_and_with_a_stack_the_foreign_DaemonSets_count_in_the_agent_tax()
    {
        var (exit, output, error) = Run("plan", "--manifests", Data("upstream"), "--nodes", Data("nodes"), "-o", "json");
        Assert.Equal(0, exit);
        Assert.Equal("", error);
        var plan = JsonDocument.Parse(output).RootElement;
        Assert.Equal(["calico-node", "falco", "fluent-bit", "kube-flannel-ds", "node-exporter", "node-local-dns"],
            plan.GetProperty("agents").EnumerateArray().Select(agent => agent.GetProperty("name").GetString()!).Order(StringComparer.Ordinal));

        // With the stack: upstream node-exporter (namespace monitoring) binds 9100 like prod's node-exporter: a clash on every
        // node where both land, the two told apart by namespace; upstream nodelocaldns is prod's node-local-dns (same
        // kube-system/node-local-dns) and is planned once.
        var both = Json("plan", "--stack", "prod", "--manifests", Data("upstream"), "--nodes", Data("nodes", "kind-3node.json"), "--project-dir", RepoPaths.Root);
        Assert.Equal(["node-agents/fluent-bit", "fluent-bit-windows", "node-agents/node-exporter", "windows-exporter", "node-local-dns", "node-agents/falco", "calico-node", "default/falco", "kube-flannel-ds", "logging/fluent-bit", "monitoring/node-exporter"],
            both.GetProperty("agents").EnumerateArray().Select(agent => agent.GetProperty("name").GetString()!));
        var clashes = both.GetProperty("problems").EnumerateArray().Where(problem => problem.GetProperty("kind").GetString() == "hostPortClash").ToList();
        Assert.Equal(2, clashes.Count); // kind's control plane and its two workers
        Assert.All(clashes, clash => Assert.StartsWith("node-agents/node-exporter and monitoring/node-exporter both bind host port 9100/TCP", clash.GetProperty("message").GetString()));

        var alone = Json("plan", "--stack", "prod", "--nodes", Data("nodes", "eks-managed-2node.json"), "--project-dir", RepoPaths.Root);
        var together = Json("plan", "--stack", "prod", "--manifests", Data("observed", "eks-managed-2node.daemonsets.json"), "--nodes", Data("nodes", "eks-managed-2node.json"), "--project-dir", RepoPaths.Root);
        Assert.Equal(8, together.GetProperty("agents").GetArrayLength()); // prod's six and the two observed
        static long Cpu(JsonElement plan) => plan.GetProperty("groups")[0].GetProperty("agentRequests").GetProperty("cpuMillicores").GetInt64();
        Assert.Equal(Cpu(alone) + 150, Cpu(together)); // aws-node: two containers of 25m (its 25m init container runs before them); kube-proxy: 100m
    }

    [Fact]
    public void A_bad_manifest_is_reported_at_its_file_line_and_column_and_nothing_is_written()
    {
        var folder = Directory.CreateTempSubdirectory("plan-manifests-").FullName;
        try
        {
            var manifest = Path.Combine(folder, "ds.yaml");
            File.WriteAllText(manifest, """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: skipped}
                ---
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: broken}
                spec:
                  template:
                    spec:
                      containers:
                        - name: a
                          ports:
                            - containerPort: [1, 2]
                """);
            File.WriteAllText(Path.Combine(folder, "bad.json"), "{\"kind\": \"DaemonSet\", ");
            var (exit, output, error) = Run("plan", "--manifests", folder, "--nodes", Path.Combine(RepoPaths.SharedData, "nodes", "kind-3node.json"));
            Assert.Equal(2, exit);
            Assert.Equal("", output);
            Assert.Contains("error: 2 problems in the manifests; nothing was written.", error);
            Assert.Contains($"{Path.Combine(folder, "ds.yaml")}:14:30: (document 2).spec.template.spec.containers[0].ports[0].containerPort: not a valid DaemonSet: The JSON value could not be converted to System.Int32", error);
            Assert.Matches($@"{System.Text.RegularExpressions.Regex.Escape(Path.Combine(folder, "bad.json"))}:\d+:\d+: not valid YAML: ", error);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Plan_needs_a_stack_or_manifests()
    {
        var (exit, _, error) = Run("plan", "--nodes", Path.Combine(RepoPaths.SharedData, "nodes", "kind-3node.json"));
        Assert.Equal(2, exit);
        Assert.Contains("plan needs --stack NAME, --manifests PATH, or both.", error);
    }
}
