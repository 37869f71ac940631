using NodeAgents.Building;
using NodeAgents.Input;
using NodeAgents.Model;
using NodeAgents.Stacks.Binding;
using NodeAgents.Stacks.Config;

namespace NodeAgents.Cli.Tests.Stacks;

/// <summary>The <c>node-agents:agents</c> collection: presets by name, several instances, custom agents, open roles, errors.</summary>
public class AgentCollectionTests
{
    private static BoundStack Bind(string stack)
    {
        using var project = new TempProject(copyStacks: false);
        project.Write("Pulumi.qa.yaml", stack);
        return StackBinder.Bind(StackFiles.Load(project.Path, "qa"));
    }

    private static string[] Problems(string stack)
    {
        using var project = new TempProject(copyStacks: false);
        project.Write("Pulumi.qa.yaml", stack);
        var error = Assert.Throws<InputException>(() => StackBinder.Bind(StackFiles.Load(project.Path, "qa")));
        return [.. error.Problems.OrderBy(problem => (problem.Line, problem.Column)).Select(problem => problem.ToString())];
    }

    [Fact]
    public void Two_instances_of_one_preset_get_their_own_names_settings_and_node_targeting()
    {
        var bound = Bind("""
            config:
              node-agents:agents:
                falco-gpu:
                  preset: falco
                  mode: audit
                  nodeSelector: {kubernetes.io/os: linux, nvidia.com/gpu.present: "true"}
                falco:
                  preset: falco
                  minimumPriority: warning
            """);

        Assert.Equal(["falco", "falco-gpu"], bound.Agents.Select(agent => agent.Name));
        Assert.All(bound.Agents, agent => Assert.Equal(AgentRole.Security, agent.Role));
        var gpu = bound.Agents.Single(agent => agent.Name == "falco-gpu");
        Assert.Equal("true", gpu.NodeSelector["nvidia.com/gpu.present"]);
        Assert.Contains("json_output: true", gpu.ConfigFiles["falco.yaml"], StringComparison.Ordinal);
        Assert.DoesNotContain("http_output:\n  enabled: true", gpu.ConfigFiles["falco.yaml"], StringComparison.Ordinal);
        Assert.Contains("priority: warning", bound.Agents.Single(agent => agent.Name == "falco").ConfigFiles["falco.yaml"], StringComparison.Ordinal);
        var objects = ManifestSet.Build(bound.Agents, bound.PartOf).Agents.Select(agent => agent.Objects.DaemonSet.Metadata.Name);
        Assert.Equal(["falco", "falco-gpu"], objects);
    }

    [Fact]
    public void The_repository_stacks_use_the_collection_and_deploy_their_presets_in_role_order()
    {
        var bound = StackBinder.Bind(StackFiles.Load(RepoPaths.Root, "prod"));

        Assert.Equal(["fluent-bit", "fluent-bit-windows", "node-exporter", "windows-exporter", "node-local-dns", "falco"], bound.Agents.Select(agent => agent.Name));
        Assert.Equal(["fluent-bit", "node-exporter", "node-local-dns", "falco"], StackBinder.Bind(StackFiles.Load(RepoPaths.Root, "dev")).Agents.Select(agent => agent.Name));
        Assert.Contains("agents:", File.ReadAllText(Path.Combine(RepoPaths.Root, "Pulumi.prod.yaml")), StringComparison.Ordinal);
        Assert.DoesNotContain("node-agents:logging:", File.ReadAllText(Path.Combine(RepoPaths.Root, "Pulumi.prod.yaml")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_shorthand_key_and_the_collection_bind_to_the_same_agent()
    {
        var shorthand = Bind("config:\n  node-agents:monitoring:\n    logLevel: debug\n").Agents.Single();
        var entry = Bind("config:\n  node-agents:agents:\n    node-exporter:\n      preset: node-exporter\n      logLevel: debug\n").Agents.Single();

        Assert.Equal(
            Rendering.ManifestRenderer.ToYamlStream(ManifestSet.Build([shorthand]).Objects),
            Rendering.ManifestRenderer.ToYamlStream(ManifestSet.Build([entry]).Objects));
    }

    [Fact]
    public void Every_mistake_in_the_collection_is_reported_at_once_with_its_position()
    {
        var problems = Problems("""
            config:
              node-agents:agents:
                fluent-bit:
                  preset: fluentbit
                node-exporter:
                  preset: node-exporter
                  logLevl: debug
                Bad_Name:
                  preset: falco
                both:
                  preset: falco
                  role: security
                neither:
                  image: busybox:1.36
                named:
                  preset: falco
                  name: other
                off:
                  preset: falco
                  enabled: maybe
            """);

        string[] expected =
            [
                "Pulumi.qa.yaml:4:15: node-agents:agents.fluent-bit.preset: unknown preset; did you mean 'fluent-bit'? (catalog: dcgm-exporter, falco, fluent-bit, fluent-bit-windows, node-exporter, node-local-dns, windows-exporter; or give role: ROLE for a custom agent)",
                "Pulumi.qa.yaml:7:7: node-agents:agents.node-exporter.logLevl: unknown key; did you mean 'logLevel'?",
                "Pulumi.qa.yaml:8:5: node-agents:agents.Bad_Name: the agent name (the DaemonSet's) must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (RFC 1123 label)",
                "Pulumi.qa.yaml:11:15: node-agents:agents.both.preset: give either preset (a catalog agent) or role (a custom agent), not both",
                "Pulumi.qa.yaml:14:7: node-agents:agents.neither: say what the agent is: preset: NAME (one of dcgm-exporter, falco, fluent-bit, fluent-bit-windows, node-exporter, node-local-dns, windows-exporter) or role: ROLE with the custom agent's image and fields",
                "Pulumi.qa.yaml:17:13: node-agents:agents.named.name: an agent's name is its key under agents; rename the key instead",
                "Pulumi.qa.yaml:20:16: node-agents:agents.off.enabled: expected true or false, got 'maybe'",
            ];
        Assert.Equal(
            expected.Order(StringComparer.Ordinal),
            problems.Select(problem => problem.Contains("(valid keys:", StringComparison.Ordinal) ? problem[..problem.IndexOf(" (valid keys:", StringComparison.Ordinal)] : problem).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_name_used_by_a_shorthand_key_and_an_entry_is_refused()
    {
        var problems = Problems("config:\n  node-agents:logging: {}\n  node-agents:agents:\n    fluent-bit:\n      preset: fluent-bit\n");

        Assert.Equal(["Pulumi.qa.yaml:5:7: node-agents:agents.fluent-bit.name: the agent name 'fluent-bit' is already used by node-agents:logging; give each agent its own name"], problems);
    }

    [Fact]
    public void Coverage_can_require_an_open_role_that_an_agent_declares_but_not_one_no_agent_has()
    {
        const string agents = """
            config:
              node-agents:agents:
                dcgm-exporter:
                  role: gpu
                  image: nvcr.io/nvidia/k8s/dcgm-exporter:3.3.9-3.6.0-ubuntu22.04
                node-exporter:
                  preset: node-exporter
              node-agents:coverage:
                required:
            """;
        var bound = Bind(agents + "\n      gpu: nvidia.com/gpu.present=true\n      monitoring: \"*\"\n");
        Assert.Equal("nvidia.com/gpu.present=true", bound.Coverage.Required["gpu"]);
        Assert.Equal("gpu", AgentLabels.All(bound.Agents.Single(agent => agent.Name == "dcgm-exporter"))["app.kubernetes.io/component"]);

        var problems = Problems(agents + "\n      gpu: nvidia.com/gpu.present=true\n      storage: \"*\"\n");
        Assert.Equal(["Pulumi.qa.yaml:11:16: node-agents:coverage.required.storage: no agent of this stack has the role 'storage' (roles of the stack's agents: gpu, monitoring); add an agent with role: storage or drop the requirement"], problems);
    }

    [Fact]
    public void A_custom_agent_binds_every_new_field_and_reports_each_mistake_at_its_position()
    {
        var agent = Bind("""
            config:
              node-agents:agents:
                fluentd:
                  role: logging
                  image: fluent/fluentd:v1.12-1
                  hostIPC: true
                  startupProbe: {tcpSocket: {port: 24224}, failureThreshold: 30}
                  podSecurityContext: {fsGroup: 2000}
                  dnsConfig: {options: [{name: ndots, value: "2"}]}
                  imagePullSecrets: [{name: registry}]
                  daemonSetAnnotations: {owner: logging-team}
                  initContainers: [{name: init, image: "busybox:1.36", command: [sh, -c, "true"]}]
                  sidecars: [{name: proxy, image: "quay.io/brancz/kube-rbac-proxy:v0.18.1", resources: {requests: {cpu: 10m}}}]
                  volumes: [{name: buffer, emptyDir: {sizeLimit: 1Gi}}, {name: token, projected: {sources: [{serviceAccountToken: {path: token, expirationSeconds: 3600}}]}}]
                  volumeMounts: [{name: buffer, mountPath: /fluentd/buffer}]
            """).Agents.Single();

        Assert.Equal(("fluentd", "logging"), (agent.Name, agent.Role.Name));
        Assert.True(agent.HostIPC);
        Assert.Equal(30, agent.StartupProbe!.FailureThreshold);
        Assert.Equal(2000, agent.PodSecurityContext!.FsGroup);
        Assert.Equal("registry", agent.ImagePullSecrets.Single().Name);
        Assert.Equal("logging-team", agent.DaemonSetAnnotations["owner"]);
        Assert.Equal("init", agent.InitContainers.Single().Name);
        Assert.Equal("10m", agent.Sidecars.Single().Resources.Requests["cpu"].ToString());
        Assert.Equal("1Gi", agent.Volumes[0].EmptyDir.SizeLimit.ToString());
        Assert.Equal(3600, agent.Volumes[1].Projected.Sources[0].ServiceAccountToken.ExpirationSeconds);

        var problems = Problems("""
            config:
              node-agents:agents:
                fluentd:
                  role: Logging
                  hostIpc: true
                  sidecars:
                    - name: proxy
                      image: "quay.io/brancz/kube-rbac-proxy:v0.18.1"
                      lifecycle: {preStop: {exec: {command: [sleep, "5"]}}}
                  volumes:
                    - name: data
                      persistentVolumeClaim: {claimName: data}
                  startupProbe: {tcpSocket: {port: 24224}, failureThreshold: many}
            """);

        // In the order the CLI prints them (by position).
        Assert.Equal(
            [
                "Pulumi.qa.yaml:4:7: node-agents:agents.fluentd.image: a custom agent needs an image (repository:tag[@sha256:…])",
                "Pulumi.qa.yaml:4:13: node-agents:agents.fluentd.role: the role must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (RFC 1123 label)",
                "Pulumi.qa.yaml:5:7: node-agents:agents.fluentd.hostIpc: unknown key; did you mean 'hostIPC'?",
                "Pulumi.qa.yaml:9:22: node-agents:agents.fluentd.sidecars[0].lifecycle: not supported in a container of a node agent (supported: name, image, imagePullPolicy, command, args, workingDir, env, ports, resources, livenessProbe, readinessProbe, startupProbe, securityContext, volumeMounts, restartPolicy)",
                "Pulumi.qa.yaml:12:34: node-agents:agents.fluentd.volumes[0].persistentVolumeClaim: not supported in a volume of a node agent (supported: name, hostPath, configMap, secret, emptyDir, projected)",
                "Pulumi.qa.yaml:13:66: node-agents:agents.fluentd.startupProbe.failureThreshold: expected a whole number, got 'many'",
            ],
            problems.Select(problem => problem.Contains("(valid keys:", StringComparison.Ordinal) ? problem[..problem.IndexOf(" (valid keys:", StringComparison.Ordinal)] : problem).ToArray());
    }
}
