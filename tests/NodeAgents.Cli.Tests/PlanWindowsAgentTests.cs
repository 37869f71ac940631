using System.Text.Json;

namespace NodeAgents.Cli.Tests;

/// <summary>The prod stack plus the catalog's Windows monitoring agent, planned on the real inventories.</summary>
public class PlanWindowsAgentTests
{
    [Fact]
    public void With_the_windows_exporter_prods_plan_has_monitoring_on_the_Windows_node()
    {
        using var project = new TempProject(copyStacks: false);
        var prod = File.ReadAllText(Path.Combine(RepoPaths.Root, "Pulumi.prod.yaml"));
        var coverage = prod.IndexOf("  # Which nodes must run", StringComparison.Ordinal);
        project.Write("Pulumi.win.yaml", prod[..coverage] + "    windows-exporter:\n      preset: windows-exporter\n" + prod[coverage..]);

        var (exit, stdout, stderr) = project.Run("plan", "--stack", "win", "--nodes", Path.Combine(RepoPaths.SharedData, "nodes"), "-o", "json");

        Assert.True(exit is 0 or 1, stderr);
        var plan = JsonDocument.Parse(stdout).RootElement;
        const string windowsNode = "aksnpwin000000";
        var gaps = plan.GetProperty("problems").EnumerateArray()
            .Where(problem => problem.GetProperty("kind").GetString() == "coverageGap")
            .Where(problem => problem.GetProperty("nodes").EnumerateArray().Any(node => node.GetString() == windowsNode))
            .ToList();
        Assert.Empty(gaps);
        var group = plan.GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("nodes").EnumerateArray().Any(node => node.GetString() == windowsNode));
        Assert.Equal("lands", group.GetProperty("placement").GetProperty("windows-exporter").GetProperty("outcome").GetString());
        Assert.Contains("monitoring", group.GetProperty("requiredRoles").EnumerateArray().Select(role => role.GetString()));
    }
}
