using System.Text.Json;

namespace NodeAgents.Cli.Tests;

public class ValidateCommandTests
{
    private static void AssertNoStackTraceAndNoOutput(TempProject project, string output)
    {
        Assert.DoesNotContain("   at ", output);
        Assert.DoesNotContain("Exception", output);
        Assert.False(Directory.Exists(Path.Combine(project.Path, "out")), "no output folder may be created");
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void Both_repository_stacks_are_clean_and_nothing_is_written(string stack)
    {
        using var project = new TempProject();
        var (exit, stdout, stderr) = project.Run("validate", "--stack", stack);

        Assert.True(exit == 0, stdout + stderr);
        Assert.Contains($"stack {stack}: 0 errors, 0 warnings", stdout);
        AssertNoStackTraceAndNoOutput(project, stdout + stderr);
    }

    [Fact]
    public void Json_output_of_a_clean_stack_is_an_empty_finding_list()
    {
        using var project = new TempProject();
        var (exit, stdout, _) = project.Run("validate", "--stack", "prod", "-o", "json");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal("prod", json.RootElement.GetProperty("stack").GetString());
        Assert.Equal(0, json.RootElement.GetProperty("errors").GetInt32());
        Assert.Equal(0, json.RootElement.GetProperty("findings").GetArrayLength());
    }

    /// <summary>Stack files the binder accepts but the Kubernetes API (or a rollout) would not: exit 1 with rule and path.</summary>
    public static TheoryData<string, string, string, string> BrokenStacks { get; } = new()
    {
        {
            "node-agents:monitoring:\n    updateStrategy:\n      rollingUpdate:\n        maxUnavailable: 1\n        maxSurge: 1\n",
            "daemonset-surge-and-unavailable", "DaemonSet node-agents/node-exporter", "spec.updateStrategy.rollingUpdate.maxSurge"
        },
        {
            "node-agents:logging:\n    updateStrategy:\n      rollingUpdate:\n        maxUnavailable: 150%\n",
            "daemonset-rolling-update-value", "DaemonSet node-agents/fluent-bit", "spec.updateStrategy.rollingUpdate.maxUnavailable"
        },
        { "node-agents:logging:\n    minReadySeconds: -1\n", "daemonset-min-ready-seconds-negative", "DaemonSet node-agents/fluent-bit", "spec.minReadySeconds" },
        { "node-agents:security:\n    revisionHistoryLimit: -2\n", "daemonset-revision-history-limit-negative", "DaemonSet node-agents/falco", "spec.revisionHistoryLimit" },
        { "node-agents:logging:\n    name: Fluent_Bit\n", "object-name-invalid", "DaemonSet node-agents/Fluent_Bit", "metadata.name" },
        {
            "node-agents:logging:\n    tolerations:\n      - operator: Equal\n        value: gpu\n",
            "toleration-empty-key-operator", "DaemonSet node-agents/fluent-bit", "spec.template.spec.tolerations[0].operator"
        },
        {
            "node-agents:logging:\n    nodeAffinity:\n      requiredDuringSchedulingIgnoredDuringExecution:\n        nodeSelectorTerms:\n          - matchExpressions:\n              - key: topology.kubernetes.io/zone\n                operator: In\n",
            "affinity-values-required", "DaemonSet node-agents/fluent-bit",
            "spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values"
        },
        {
            "node-agents:security:\n    resources:\n      requests:\n        cpu: 500m\n      limits:\n        cpu: 100m\n",
            "resource-limit-below-request", "DaemonSet node-agents/falco", "spec.template.spec.containers[0].resources.requests[cpu]"
        },
        { "node-agents:monitoring:\n    port: 70000\n", "container-port-invalid", "DaemonSet node-agents/node-exporter", "spec.template.spec.containers[0].ports[0].containerPort" },
    };

    /// <summary>
    /// Two agents on one host port clash only on nodes where both land (their node sets may be disjoint): validate warns
    /// (exit 0), plan decides per node.
    /// </summary>
    [Theory]
    [InlineData("node-agents:monitoring:\n    port: 8080\n  node-agents:network: {}\n", "spec.template.spec.containers[0].ports[3]")]
    [InlineData("node-agents:monitoring:\n    port: 9253\n  node-agents:network: {}\n", "spec.template.spec.containers[0].ports[2]")]
    public void Two_agents_on_one_host_port_are_a_warning(string config, string path)
    {
        using var project = new TempProject(copyStacks: false);
        project.Write("Pulumi.dev.yaml", "config:\n  " + config);
        var (exit, stdout, _) = project.Run("validate", "--stack", "dev", "-o", "json");
        Assert.Equal(0, exit);
        var finding = System.Text.Json.JsonDocument.Parse(stdout).RootElement.GetProperty("findings").EnumerateArray()
            .Single(item => item.GetProperty("rule").GetString() == "host-port-conflict");
        Assert.Equal("warning", finding.GetProperty("severity").GetString());
        Assert.Equal(("DaemonSet", "kube-system", "node-local-dns"), (finding.GetProperty("kind").GetString(), finding.GetProperty("namespace").GetString(), finding.GetProperty("name").GetString()));
        Assert.Equal(path, finding.GetProperty("path").GetString());
    }

    [Theory]
    [MemberData(nameof(BrokenStacks))]
    public void Validate_reports_api_rule_breaks_with_exit_1(string config, string rule, string obj, string path)
    {
        using var project = new TempProject(copyStacks: false);
        project.Write("Pulumi.dev.yaml", "config:\n  " + config);
        var (exit, stdout, stderr) = project.Run("validate", "--stack", "dev", "-o", "json");

        Assert.True(exit == 1, stdout + stderr);
        using var json = JsonDocument.Parse(stdout);
        var findings = json.RootElement.GetProperty("findings").EnumerateArray().ToList();
        static string Object(JsonElement f) => $"{f.GetProperty("kind").GetString()} {f.GetProperty("namespace").GetString()}/{f.GetProperty("name").GetString()}";
        var finding = Assert.Single(findings, f => f.GetProperty("rule").GetString() == rule && f.GetProperty("path").GetString() == path && Object(f) == obj);
        Assert.Equal("error", finding.GetProperty("severity").GetString());
        Assert.StartsWith("k8s.io/", finding.GetProperty("source").GetString());
        AssertNoStackTraceAndNoOutput(project, stdout + stderr);
    }

    [Theory]
    [MemberData(nameof(BrokenStacks))]
    public void Render_refuses_api_rule_breaks_and_writes_nothing(string config, string rule, string obj, string path)
    {
        using var project = new TempProject(copyStacks: false);
        project.Write("Pulumi.dev.yaml", "config:\n  " + config);
        var (exit, stdout, stderr) = project.Run("render", "--stack", "dev");

        Assert.Equal(1, exit);
        Assert.Contains(rule, stderr);
        Assert.Contains(path.Length > 40 ? path[..40] : path, stderr);
        Assert.Contains(obj.Split('/')[1], stderr);
        Assert.Contains("nothing was written", stderr);
        Assert.Equal("", stdout);
        AssertNoStackTraceAndNoOutput(project, stdout + stderr);
    }

    [Fact]
    public void The_tutorial_rolling_update_is_rejected_with_the_reason_and_a_fix()
    {
        using var project = new TempProject(copyStacks: false);
        project.Write("Pulumi.dev.yaml", "config:\n  node-agents:logging:\n    updateStrategy:\n      rollingUpdate:\n        maxUnavailable: 1\n        maxSurge: 1\n");
        var (exit, stdout, _) = project.Run("validate", "--stack", "dev", "-o", "json");

        Assert.Equal(1, exit);
        using var json = JsonDocument.Parse(stdout);
        var finding = json.RootElement.GetProperty("findings").EnumerateArray().Single();
        Assert.Equal("daemonset-surge-and-unavailable", finding.GetProperty("rule").GetString());
        Assert.Equal("1", finding.GetProperty("value").GetString());
        Assert.Contains("maxSurge may not be set when maxUnavailable is non-zero", finding.GetProperty("message").GetString());
        Assert.Contains("set maxSurge: 0", finding.GetProperty("message").GetString());
    }

    [Fact]
    public void Table_output_lists_every_error_and_exits_1()
    {
        using var project = new TempProject(copyStacks: false);
        project.Write("Pulumi.dev.yaml", "config:\n  node-agents:logging:\n    minReadySeconds: -1\n    revisionHistoryLimit: -1\n");
        var (exit, stdout, _) = project.Run("validate", "--stack", "dev");

        Assert.Equal(1, exit);
        Assert.Contains("daemonset-min-ready-seconds-negative", stdout);
        Assert.Contains("daemonset-revision-history-limit-negative", stdout);
        Assert.Contains("stack dev: 2 errors, 0 warnings", stdout);
    }

    [Fact]
    public void Warnings_are_printed_but_do_not_block()
    {
        using var project = new TempProject(copyStacks: false);
        project.Write("Pulumi.dev.yaml", "config:\n  node-agents:logging:\n    tolerations:\n      - operator: Exists\n");

        var (validateExit, validateOut, _) = project.Run("validate", "--stack", "dev");
        Assert.Equal(0, validateExit);
        Assert.Contains("toleration-exists-tolerates-no-execute", validateOut);
        Assert.Contains("stack dev: 0 errors, 1 warning", validateOut);

        var (renderExit, _, renderErr) = project.Run("render", "--stack", "dev");
        Assert.Equal(0, renderExit);
        Assert.Contains("toleration-exists-tolerates-no-execute", renderErr);
        Assert.True(File.Exists(Path.Combine(project.Path, "out", "dev", "60-daemonset-node-agents-fluent-bit.yaml")));
    }

    [Fact]
    public void A_failing_stack_leaves_an_earlier_render_untouched_and_blocks_every_other_stack()
    {
        using var project = new TempProject();
        Assert.Equal(0, project.Run("render", "--stack", "dev").Exit);
        var file = Path.Combine(project.Path, "out", "dev", "60-daemonset-node-agents-dev-fluent-bit.yaml");
        var before = File.ReadAllText(file);

        project.Write("Pulumi.broken.yaml", "config:\n  node-agents:logging:\n    minReadySeconds: -1\n");
        var (exit, _, stderr) = project.Run("render");

        Assert.Equal(1, exit);
        Assert.Contains("stack broken: 1 error", stderr);
        Assert.Equal(before, File.ReadAllText(file));
        Assert.False(Directory.Exists(Path.Combine(project.Path, "out", "prod")), "no stack may be written when one fails validation");
        Assert.False(Directory.Exists(Path.Combine(project.Path, "out", "broken")));
    }

    /// <summary>Input the tool cannot read or bind: exit 2, a message naming file, place and rule, no trace, nothing written.</summary>
    public static TheoryData<string, string, string> BadInputs { get; } = new()
    {
        { "Pulumi.dev.yaml", "config:\n  node-agents:logging:\n    logLevel: [debug\n", "Pulumi.dev.yaml:4:1: YAML syntax error" },
        { "Pulumi.dev.yaml", "config:\n  node-agents:logging: {\"logLevel\": \"debug\",, }\n", "Pulumi.dev.yaml:2:" },
        { "Pulumi.dev.yaml", "config:\n  node-agents:logging:\n    updateStrategy:\n      rollingUpdte: {}\n", "Pulumi.dev.yaml:4:7: node-agents:logging.updateStrategy.rollingUpdte: unknown key; did you mean 'rollingUpdate'?" },
        { "Pulumi.dev.yaml", "config:\n  node-agents:logging:\n    minReadySeconds: soon\n", "Pulumi.dev.yaml:3:22: node-agents:logging.minReadySeconds: expected a whole number, got 'soon'" },
        { "Pulumi.dev.yaml", "config:\n  node-agents:logging:\n    tolerations: {operator: Exists}\n", "node-agents:logging.tolerations: expected a list, got a mapping" },
        { "Pulumi.dev.yaml", "config:\n  node-agents:logging:\n    logLevel:\n", "Pulumi.dev.yaml:3:5: node-agents:logging.logLevel: missing value" },
        { "Pulumi.dev.yaml", "config:\n  node-agents:logging:\n", "node-agents:logging: missing value; give the agent's options" },
        { "Pulumi.dev.yaml", "config:\n  node-agents:logging:\n    nodeSelector:\n      kubernetes.io/os:\n", "node-agents:logging.nodeSelector.kubernetes.io/os: missing value" },
        { "Pulumi.dev.yaml", "config:\n  node-agents:logging:\n    resources:\n      limits:\n        memory: 1GB\n", "node-agents:logging.resources.limits.memory: expected a Kubernetes quantity such as 100m, 0.5, 128Mi or 1Gi, got '1GB'" },
        { "Pulumi.dev.yaml", "config:\n  node-agents:logging:\n    updateStrategy:\n      rollingUpdate:\n        maxUnavailable: 10 %\n", "maxUnavailable: expected a non-negative whole number or a percentage such as 10%, got '10 %'" },
        { "Pulumi.dev.yaml", "config:\n  node-agents:logging:\n    image: cr.fluentbit.io/fluent/fluent-bit:3.2@sha256:abc\n", "node-agents:logging.image: digest 'sha256:abc' must be 'sha256:' followed by 64 lower-case hex digits" },
        { "Pulumi.yaml", "name: [node-agents\n", "Pulumi.yaml:2:1: YAML syntax error" },
        { "Pulumi.yaml", "runtime: dotnet\n", ": name: the project needs a name" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Bad_input_exits_2_with_file_position_and_rule_and_writes_nothing(string file, string content, string expected)
    {
        foreach (var command in new[] { "validate", "render" })
        {
            using var project = new TempProject(copyStacks: false);
            if (file != "Pulumi.dev.yaml")
            {
                project.Write("Pulumi.dev.yaml", "config: {}\n");
            }

            project.Write(file, content);
            var (exit, stdout, stderr) = project.Run(command, "--stack", "dev");

            Assert.True(exit == 2, $"{command}: exit {exit}\n{stdout}{stderr}");
            Assert.Contains(expected, stderr);
            Assert.Contains("nothing was written", stderr);
            AssertNoStackTraceAndNoOutput(project, stdout + stderr);
        }
    }

    [Fact]
    public void A_missing_stack_file_exits_2_for_validate()
    {
        using var project = new TempProject(copyStacks: false);
        var (exit, _, stderr) = project.Run("validate", "--stack", "staging");

        Assert.Equal(2, exit);
        Assert.Contains("Pulumi.staging.yaml: cannot read", stderr);
        AssertNoStackTraceAndNoOutput(project, stderr);
    }
}
