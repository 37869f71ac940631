namespace NodeAgents.Cli.Tests;

public class BadInputTests
{
    private static void AssertNothingWritten(TempProject project, string stderr)
    {
        Assert.False(Directory.Exists(Path.Combine(project.Path, "out")), "no output folder may be created");
        Assert.DoesNotContain("   at ", stderr);
        Assert.Contains("nothing was written", stderr);
    }

    [Fact]
    public void Missing_stack_file_names_the_file()
    {
        using var project = new TempProject(copyStacks: false);
        var (exit, _, stderr) = project.Run("render", "--stack", "staging");

        Assert.Equal(2, exit);
        Assert.Contains("Pulumi.staging.yaml: cannot read", stderr);
        Assert.Contains("file not found", stderr);
        AssertNothingWritten(project, stderr);
    }

    [Fact]
    public void Yaml_syntax_error_gives_line_and_column()
    {
        using var project = new TempProject(copyStacks: false);
        project.Write("Pulumi.dev.yaml", "config:\n  node-agents:logging:\n    logLevel: [debug\n");
        var (exit, _, stderr) = project.Run("render", "--stack", "dev");

        Assert.Equal(2, exit);
        Assert.Matches(@"Pulumi\.dev\.yaml:\d+:\d+: YAML syntax error", stderr);
        AssertNothingWritten(project, stderr);
    }

    [Fact]
    public void Every_problem_is_reported_at_once_with_file_path_and_expectation()
    {
        using var project = new TempProject(copyStacks: false);
        project.Write("Pulumi.dev.yaml", """
            config:
              node-agents:logging:
                logLevl: debug
                resources:
                  requests:
                    cpu: 10x
                terminationGracePeriodSeconds: soon
              node-agents:monitoring:
                updateStrategy:
                  rollingUpdate:
                    maxUnavailable: ten
              node-agents:securty: {}
            """);
        var (exit, _, stderr) = project.Run("render", "--stack", "dev");

        Assert.Equal(2, exit);
        Assert.Contains("Pulumi.dev.yaml:3:5: node-agents:logging.logLevl: unknown key; did you mean 'logLevel'?", stderr);
        Assert.Contains("Pulumi.dev.yaml:6:14: node-agents:logging.resources.requests.cpu: expected a Kubernetes quantity such as 100m, 0.5, 128Mi or 1Gi, got '10x'", stderr);
        Assert.Contains("node-agents:logging.terminationGracePeriodSeconds: expected a whole number, got 'soon'", stderr);
        Assert.Contains("node-agents:monitoring.updateStrategy.rollingUpdate.maxUnavailable: expected a non-negative whole number or a percentage such as 10%, got 'ten'", stderr);
        Assert.Contains("node-agents:securty: unknown config key; did you mean 'node-agents:security'?", stderr);
        Assert.Contains("5 problems", stderr);
        AssertNothingWritten(project, stderr);
    }

    [Fact]
    public void Wrong_shape_and_bad_enumerations_are_reported()
    {
        using var project = new TempProject(copyStacks: false);
        project.Write("Pulumi.dev.yaml", """
            config:
              node-agents:namespace: [a, b]
              node-agents:logging:
                output:
                  type: kafka
                  sharedKey: config
              node-agents:security:
                enabled: maybe
              node-agents:network:
                image: registry.k8s.io/dns/k8s-dns-node-cache
            """);
        var (exit, _, stderr) = project.Run("render", "--stack", "dev");

        Assert.Equal(2, exit);
        Assert.Contains("node-agents:namespace: expected a string, got a list", stderr);
        Assert.Contains("node-agents:logging.output.type: 'kafka' is not one of forward, loki, es", stderr);
        Assert.Contains("node-agents:logging.output.sharedKey: 'config' needs the secure value node-agents:forwardSharedKey", stderr);
        Assert.Contains("node-agents:security.enabled: expected true or false, got 'maybe'", stderr);
        Assert.Contains("node-agents:network.image: an image needs a tag or a digest", stderr);
        AssertNothingWritten(project, stderr);
    }

    [Fact]
    public void Secure_values_bind_as_references_and_are_never_printed()
    {
        using var project = new TempProject(copyStacks: false);
        project.Write("Pulumi.dev.yaml", """
            config:
              node-agents:forwardSharedKey:
                secure: AAABAKJ0c2VjcmV0LXZhbHVlLXRoYXQtbXVzdC1ub3QtbGVhaw==
              node-agents:logging:
                output:
                  sharedKey: config
            """);
        var (exit, stdout, stderr) = project.Run("render", "--stack", "dev", "--stdout");

        Assert.True(exit == 0, stderr);
        Assert.DoesNotContain("AAABAKJ0", stdout + stderr);
        Assert.Contains("nodeagents.io/supplied-at-deploy: shared-key", stdout);
    }

    [Fact]
    public void A_bad_stack_among_several_stops_every_write()
    {
        using var project = new TempProject();
        project.Write("Pulumi.broken.yaml", "config:\n  node-agents:logging:\n    nope: 1\n");
        var (exit, _, stderr) = project.Run("render");

        Assert.Equal(2, exit);
        Assert.Contains("Pulumi.broken.yaml:3:5: node-agents:logging.nope: unknown key", stderr);
        AssertNothingWritten(project, stderr);
    }
}
