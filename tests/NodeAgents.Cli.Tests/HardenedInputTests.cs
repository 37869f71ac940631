namespace NodeAgents.Cli.Tests;

/// <summary>Inputs a first-time user tried that once crashed, rendered nothing silently, or slipped text into config files.</summary>
public class HardenedInputTests
{
    private static (int Exit, string Stdout, string Stderr) Render(TempProject project, string stack, string yaml, params string[] extra)
    {
        project.Write($"Pulumi.{stack}.yaml", yaml);
        return project.Run(["render", "--stack", stack, .. extra]);
    }

    [Fact]
    public void A_complex_yaml_key_is_a_positioned_problem_not_a_crash()
    {
        using var project = new TempProject(copyStacks: false);
        var (exit, _, stderr) = Render(project, "x", "config:\n  node-agents:logging:\n    labels:\n      ? [a]\n      : b\n");

        Assert.Equal(2, exit);
        Assert.Contains("Pulumi.x.yaml:4:9: node-agents:logging.labels: keys must be plain strings, got a list as a key", stderr);
        Assert.DoesNotContain("   at ", stderr);
    }

    [Fact]
    public void A_renamed_project_is_reported_and_the_previous_render_survives()
    {
        using var project = new TempProject();
        Assert.Equal(0, project.Run("render", "--stack", "dev").Exit);
        var before = Directory.GetFiles(Path.Combine(project.Path, "out", "dev")).Length;
        File.WriteAllText(Path.Combine(project.Path, "Pulumi.yaml"), File.ReadAllText(Path.Combine(project.Path, "Pulumi.yaml")).Replace("name: node-agents", "name: platform", StringComparison.Ordinal));

        var (exit, _, stderr) = project.Run("render", "--stack", "dev");

        Assert.Equal(2, exit);
        Assert.Contains("the stack configures no agent: add platform:agents (or one of the shorthand keys platform:logging, platform:monitoring, platform:network, platform:security)", stderr);
        Assert.Contains("keys found for: kubernetes, node-agents; the project is named 'platform' in Pulumi.yaml", stderr);
        Assert.Equal(before, Directory.GetFiles(Path.Combine(project.Path, "out", "dev")).Length);
    }

    [Theory]
    [InlineData("config:\n  nodeagents:logging: {}\n  node-agents:monitoring: {}\n", "Pulumi.x.yaml:2:3: nodeagents:logging: unknown config namespace 'nodeagents'; this project's keys start with 'node-agents:'")]
    [InlineData("configs:\n  node-agents:monitoring: {}\n", "Pulumi.x.yaml:1:1: configs: unknown top-level key; did you mean 'config'?")]
    [InlineData("config: {}\n", "Pulumi.x.yaml: config: the stack configures no agent")]
    [InlineData("config:\n  node-agents:monitoring:\n    enabled: false\n    logLevl: debug\n", "Pulumi.x.yaml:4:5: node-agents:monitoring.logLevl: unknown key; did you mean 'logLevel'?")]
    [InlineData("config:\n  node-agents:namespace: [a]\n  node-agents:monitoring: {}\n", "Pulumi.x.yaml:2:26: node-agents:namespace: Pulumi.yaml declares this key as string, got a list")]
    [InlineData("config:\n  node-agents:logging:\n    resources:\n      limits:\n        memory: -1Gi\n", "node-agents:logging.resources.limits.memory: expected a non-negative Kubernetes quantity (requests and limits cannot be negative), got '-1Gi'")]
    [InlineData("config:\n  node-agents:logging:\n    labels:\n      app.kubernetes.io/name: mine\n", "node-agents:logging.labels.app.kubernetes.io/name: the app.kubernetes.io/* labels are set by the tool")]
    public void Input_that_would_render_the_wrong_thing_is_refused(string yaml, string message)
    {
        using var project = new TempProject(copyStacks: false);
        var (exit, _, stderr) = Render(project, "x", yaml);

        Assert.Equal(2, exit);
        Assert.Contains(message, stderr);
        Assert.False(Directory.Exists(Path.Combine(project.Path, "out")));
    }

    [Theory]
    [InlineData("node-agents:logging:\n    output:\n      host: \"evil\\n[OUTPUT]\\n    Name stdout\"\n", "node-agents:logging.output.host: 'evil")]
    [InlineData("node-agents:logging:\n    output:\n      port: 70000\n", "node-agents:logging.output.port: 70000 is not a port number (1 to 65535)")]
    [InlineData("node-agents:logging:\n    logLevel: verbose\n", "node-agents:logging.logLevel: 'verbose' is not one of off, error, warn, info, debug, trace")]
    [InlineData("node-agents:security:\n    alertUrl: 'http://x/\"quoted'\n", "node-agents:security.alertUrl: 'http://x/\"quoted' is not an absolute http:// or https:// URL")]
    [InlineData("node-agents:security:\n    minimumPriority: urgent\n", "node-agents:security.minimumPriority: 'urgent' is not one of emergency")]
    [InlineData("node-agents:network:\n    localIP: 999.1.1.1\n    dnsServer: not-an-ip\n", "node-agents:network.dnsServer: 'not-an-ip' is not an IP address")]
    [InlineData("node-agents:monitoring:\n    extraArgs: [\"--a\\n--b\", collector]\n", "node-agents:monitoring.extraArgs[1]: 'collector' is not a flag")]
    [InlineData("node-agents:network:\n    localIP: 10.96.0.10\n", "node-agents:network.localIP: '10.96.0.10' is also dnsServer")]
    [InlineData("node-agents:security:\n    localRules: \"- rule: [unclosed\"\n", "node-agents:security.localRules: is not valid YAML")]
    [InlineData("node-agents:logging:\n    podAnnotations:\n      nodeagents.io/config-sha256: abc\n", "node-agents:logging.podAnnotations.nodeagents.io/config-sha256: the nodeagents.io/* annotations are set by the tool")]
    public void Values_written_into_config_files_or_arguments_are_checked(string config, string message)
    {
        using var project = new TempProject(copyStacks: false);
        var (exit, _, stderr) = Render(project, "x", "config:\n  " + config);

        Assert.Equal(2, exit);
        Assert.Contains(message, stderr);
        Assert.DoesNotContain("   at ", stderr);
    }

    [Fact]
    public void A_refused_folder_of_one_stack_stops_every_stack_before_any_write()
    {
        using var project = new TempProject();
        Directory.CreateDirectory(Path.Combine(project.Path, "out", "prod"));
        File.WriteAllText(Path.Combine(project.Path, "out", "prod", "notes.txt"), "mine");

        var (exit, _, stderr) = project.Run("render");

        Assert.Equal(2, exit);
        Assert.Contains("notes.txt", stderr);
        Assert.False(Directory.Exists(Path.Combine(project.Path, "out", "dev")));
        Assert.Equal("mine", File.ReadAllText(Path.Combine(project.Path, "out", "prod", "notes.txt")));
    }

    [Theory]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("a/b")]
    public void Stack_names_that_are_paths_are_refused(string stack)
    {
        using var project = new TempProject();
        var (exit, _, stderr) = project.Run("render", "--stack", stack);

        Assert.Equal(2, exit);
        Assert.Contains("a stack name has letters, digits", stderr);
        Assert.False(Directory.Exists(Path.Combine(project.Path, "out")));
    }

    [Theory]
    [InlineData("render", "--stak", "dev")]
    [InlineData("rendr")]
    [InlineData("validate")]
    [InlineData("render", "-o", "yml")]
    public void Usage_errors_exit_2_with_a_pointer_to_help(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var exit = Cli.Run(args, stdout, stderr);

        Assert.Equal(2, exit);
        Assert.Contains("--help' for usage.", stderr.ToString());
    }

    [Fact]
    public void A_missing_project_folder_is_named()
    {
        var missing = Path.Combine(Path.GetTempPath(), "nodeagents-missing-" + Guid.NewGuid().ToString("N"));
        var stderr = new StringWriter();

        var exit = Cli.Run(["render", "--project-dir", missing], new StringWriter(), stderr);

        Assert.Equal(2, exit);
        Assert.Contains($"the project folder {missing} does not exist", stderr.ToString());
    }

    [Fact]
    public void Render_tells_how_to_supply_a_secret_it_writes_without_data()
    {
        using var project = new TempProject();
        var (exit, stdout, _) = project.Run("render", "--stack", "prod");

        Assert.Equal(0, exit);
        Assert.Contains("note: Secret node-agents/fluent-bit-secrets is written without data: key shared-key is supplied at deploy time", stdout);
        Assert.Contains("kubectl -n node-agents create secret generic fluent-bit-secrets --from-literal=shared-key=", stdout);
        // prod's two forwarders send one generated key: the note says so for each of their Secrets.
        foreach (var secret in new[] { "fluent-bit-secrets", "fluent-bit-windows-secrets" })
        {
            var note = Assert.Single(stdout.Split('\n'), line => line.StartsWith($"note: Secret node-agents/{secret} ", StringComparison.Ordinal));
            Assert.EndsWith("; shared-key must hold the same value in every agent's Secret for forward fluentd-aggregator.logging.svc:24224, as the receiving end checks one", note.TrimEnd('\r'), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Render_names_an_out_folder_outside_the_working_directory_by_its_full_path()
    {
        using var project = new TempProject();
        var outside = Path.Combine(Path.GetTempPath(), "nodeagents-out-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (exit, stdout, _) = project.Run("render", "--stack", "dev", "--out", outside);

            Assert.Equal(0, exit);
            Assert.Contains($" objects → {outside}", stdout, StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(outside))
            {
                Directory.Delete(outside, recursive: true);
            }
        }
    }

    [Fact]
    public void Two_agents_with_one_name_are_refused_even_in_different_namespaces()
    {
        using var project = new TempProject(copyStacks: false);
        var (exit, _, stderr) = Render(project, "x", "config:\n  node-agents:logging:\n    name: agent\n  node-agents:monitoring:\n    name: agent\n    namespace: other\n");

        Assert.Equal(2, exit);
        Assert.Contains("node-agents:monitoring.name: the agent name 'agent' is already used by node-agents:logging", stderr);
    }

    [Fact]
    public void Objects_that_would_share_a_file_name_are_refused_before_any_write()
    {
        using var project = new TempProject(copyStacks: false);
        var (exit, _, stderr) = Render(project, "x", "config:\n  node-agents:logging:\n    name: b-c\n    namespace: a\n  node-agents:monitoring:\n    name: c\n    namespace: a-b\n");

        Assert.Equal(2, exit);
        Assert.Contains("would both be written to 10-serviceaccount-a-b-c.yaml; rename one of them; nothing was written.", stderr);
        Assert.False(Directory.Exists(Path.Combine(project.Path, "out")));
    }

    [Fact]
    public void A_huge_quantity_is_an_input_problem_for_validate_and_render()
    {
        using var project = new TempProject(copyStacks: false);
        var yaml = "config:\n  node-agents:logging:\n    resources:\n      requests:\n        cpu: 1e40\n";
        var (exit, _, stderr) = Render(project, "x", yaml);
        var (validateExit, _, validateError) = project.Run("validate", "--stack", "x");

        Assert.Equal(2, exit);
        Assert.Equal(2, validateExit);
        Assert.Contains("Pulumi.x.yaml:5:14: node-agents:logging.resources.requests.cpu: expected a quantity in range", stderr);
        Assert.DoesNotContain("   at ", stderr + validateError);
    }

    [Fact]
    public void A_render_folder_without_a_parent_is_refused()
    {
        using var project = new TempProject();
        var (exit, _, stderr) = project.Run("render", "--stack", "dev", "--out", "/");

        Assert.Equal(2, exit);
        Assert.Contains("refusing", stderr);
        Assert.DoesNotContain("   at ", stderr);
    }

    [Fact]
    public void Out_and_stdout_exclude_each_other()
    {
        using var project = new TempProject();
        var (exit, _, stderr) = project.Run("render", "--stack", "dev", "--stdout", "--out", Path.Combine(project.Path, "x"));

        Assert.Equal(2, exit);
        Assert.Contains("--out and --stdout exclude each other", stderr);
    }

    [Fact]
    public void Validate_as_json_reports_input_problems_as_data()
    {
        using var project = new TempProject(copyStacks: false);
        project.Write("Pulumi.x.yaml", "config:\n  node-agents:logging:\n    logLevl: debug\n");

        var (exit, stdout, _) = project.Run("validate", "--stack", "x", "-o", "json");

        Assert.Equal(2, exit);
        var problem = System.Text.Json.JsonDocument.Parse(stdout).RootElement.GetProperty("inputProblems").EnumerateArray().Single();
        Assert.Equal("node-agents:logging.logLevl", problem.GetProperty("path").GetString());
        Assert.Equal(3, problem.GetProperty("line").GetInt32());
        Assert.Equal("Pulumi.x.yaml", problem.GetProperty("file").GetString());
    }
}
