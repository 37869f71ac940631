namespace NodeAgents.Cli.Tests;

/// <summary>
/// Numbers the API server would refuse — NaN, infinities, commas — are input errors at their position in stack files and
/// inventories alike, never an internal error (issue 12); URLs with credentials never reach a ConfigMap.
/// </summary>
public class NumberInputTests
{
    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("Inf")]
    [InlineData("1,5")]
    [InlineData("1e")]
    [InlineData("0x10")]
    public void A_quantity_the_api_server_refuses_is_a_positioned_input_error(string cpu)
    {
        using var project = new TempProject(copyStacks: false);
        project.Write("Pulumi.x.yaml", $"config:\n  node-agents:monitoring:\n    resources:\n      requests:\n        cpu: \"{cpu}\"\n");

        var (exit, _, stderr) = project.Run("validate", "--stack", "x");

        Assert.Equal(2, exit);
        Assert.Contains($"Pulumi.x.yaml:5:14: node-agents:monitoring.resources.requests.cpu: expected a Kubernetes quantity such as 100m, 0.5, 128Mi or 1Gi, got '{cpu}'", stderr);
        Assert.DoesNotContain("internal error", stderr);
    }

    [Theory]
    [InlineData("1e3", "\"1e3\"")]
    [InlineData(".5", "500m")]
    [InlineData("+1", "\"1\"")]
    [InlineData("2.", "\"2\"")]
    public void Every_quantity_form_of_the_api_grammar_is_accepted(string cpu, string rendered)
    {
        using var project = new TempProject(copyStacks: false);
        project.Write("Pulumi.x.yaml", $"config:\n  node-agents:monitoring:\n    resources:\n      requests:\n        cpu: \"{cpu}\"\n      limits:\n        cpu: \"2000\"\n");

        var (exit, stdout, stderr) = project.Run("render", "--stack", "x", "--stdout");

        Assert.True(exit == 0, stderr);
        Assert.Contains($"cpu: {rendered}\n", stdout);
    }

    [Fact]
    public void NaN_in_an_inventory_quantity_is_reported_at_its_position()
    {
        using var project = new TempProject();
        var nodes = File.ReadAllText(Path.Combine(RepoPaths.SharedData, "nodes", "kind-3node.json"));
        var at = nodes.IndexOf("\"cpu\": \"8\"", StringComparison.Ordinal);
        Assert.True(at > 0);
        var line = nodes[..at].Count(c => c == '\n') + 1;
        var column = at - nodes.LastIndexOf('\n', at - 1) + "\"cpu\": ".Length;
        var inventory = project.Write("nodes.json", nodes[..at] + "\"cpu\": \"NaN\"" + nodes[(at + "\"cpu\": \"8\"".Length)..]);

        var (exit, _, stderr) = project.Run("plan", "--stack", "prod", "--nodes", inventory);

        Assert.Equal(2, exit);
        Assert.Contains($"nodes.json:{line}:{column}: items[0].status.", stderr);
        Assert.Contains(".cpu: 'NaN' is not a Kubernetes quantity", stderr);
        Assert.DoesNotContain("internal error", stderr);
    }

    [Fact]
    public void An_alert_url_with_credentials_is_refused_without_echoing_them()
    {
        using var project = new TempProject(copyStacks: false);
        project.Write("Pulumi.x.yaml", "config:\n  node-agents:security:\n    alertUrl: https://alice:s3cret@hooks.example.com/falco\n");

        var (exit, _, stderr) = project.Run("render", "--stack", "x");

        Assert.Equal(2, exit);
        Assert.Contains("node-agents:security.alertUrl: 'https://***@hooks.example.com/falco' carries credentials before '@'", stderr);
        Assert.DoesNotContain("s3cret", stderr);
        Assert.False(Directory.Exists(Path.Combine(project.Path, "out")));
    }
}
