using System.Diagnostics;
using System.Text.Json;

namespace NodeAgents.Cli.Tests;

/// <summary><c>nodeagents diff</c> on pairs of small stacks: the base rendered to a folder (or committed to a temporary git repository), then the stack changed.</summary>
public sealed class DiffCommandTests
{
    private const string Monitoring = """
        config:
          node-agents:monitoring:
            image: quay.io/prometheus/node-exporter:v1.8.2
            minReadySeconds: 30
            updateStrategy:
              type: RollingUpdate
              rollingUpdate:
                maxUnavailable: 1
        """;

    private static string Kind3 => Path.Combine(RepoPaths.SharedData, "nodes", "kind-3node.json");

    /// <summary>Renders <paramref name="before"/> to a folder, writes <paramref name="after"/> and runs diff against the folder.</summary>
    private static (int Exit, string Stdout, string Stderr) DiffPair(string before, string after, params string[] args)
    {
        using var project = new TempProject(copyStacks: false);
        project.Write("Pulumi.t.yaml", before);
        var basePath = Path.Combine(project.Path, "base");
        var render = project.Run("render", "--stack", "t", "--out", basePath);
        Assert.True(render.Exit == 0, render.Stderr);
        project.Write("Pulumi.t.yaml", after);
        return project.Run(["diff", "--stack", "t", "--base", basePath, .. args]);
    }

    private static JsonElement Json((int Exit, string Stdout, string Stderr) result) => JsonDocument.Parse(result.Stdout).RootElement;

    private static JsonElement Impact(JsonElement root, string name) =>
        root.GetProperty("impacts").EnumerateArray().Single(impact => impact.GetProperty("name").GetString() == name);

    [Fact]
    public void Same_stack_is_no_change_exit_0_so_a_render_read_back_matches_the_objects()
    {
        var result = DiffPair(Monitoring, Monitoring);
        Assert.Equal(0, result.Exit);
        Assert.Equal("No change in stack t against " + result.Stdout.Split(" against ")[1].Trim(), result.Stdout.Trim());
    }

    [Fact]
    public void Image_tag_change_is_a_rolling_restart_in_waves_of_max_unavailable_with_min_ready_seconds()
    {
        var result = DiffPair(Monitoring, Monitoring.Replace("v1.8.2", "v1.8.3"), "--nodes", Kind3, "-o", "json");
        Assert.Equal(3, result.Exit);
        var impact = Impact(Json(result), "node-exporter");
        Assert.Equal("rolling-restart", impact.GetProperty("impact").GetString());

        // kind-3node: node-exporter tolerates every taint, so the controller creates a pod on all 3 nodes; maxUnavailable 1
        // gives ceil(3 / 1) = 3 waves, each at least minReadySeconds 30 (the readiness probe has no initial delay).
        Assert.Equal(3, impact.GetProperty("nodes").GetInt32());
        Assert.Equal(3, impact.GetProperty("waves").GetInt32());
        Assert.Equal(90, impact.GetProperty("leastSeconds").GetInt32());
        Assert.Contains("containers[node-exporter].image", impact.GetProperty("cause").GetString());
        var image = Json(result).GetProperty("changes").EnumerateArray()
            .Single(change => change.GetProperty("kind").GetString() == "DaemonSet")
            .GetProperty("fields").EnumerateArray().Single(field => field.GetProperty("path").GetString() == "spec.template.spec.containers[node-exporter].image");
        Assert.Equal("\"quay.io/prometheus/node-exporter:v1.8.2\"", image.GetProperty("before").GetString());
        Assert.Equal("\"quay.io/prometheus/node-exporter:v1.8.3\"", image.GetProperty("after").GetString());
    }

    [Fact]
    public void One_tag_change_in_prod_is_a_rolling_restart_in_waves_on_the_real_inventories()
    {
        using var project = new TempProject();
        var basePath = Path.Combine(project.Path, "base");
        Assert.Equal(0, project.Run("render", "--stack", "prod", "--out", basePath).Exit);
        project.Write("Pulumi.prod.yaml", File.ReadAllText(Path.Combine(project.Path, "Pulumi.prod.yaml")).Replace("tag: 3.2.10", "tag: 3.2.11", StringComparison.Ordinal));
        var result = project.Run("diff", "--stack", "prod", "--base", basePath, "--nodes", Path.Combine(RepoPaths.SharedData, "nodes"), "-o", "json");
        Assert.Equal(3, result.Exit);
        var root = Json(result);
        Assert.Equal(16, root.GetProperty("nodeCount").GetInt32());

        // Fluent Bit lands on the 14 Linux nodes (not the Windows node, not the 2018 GKE node with only beta.kubernetes.io/os);
        // maxUnavailable 10% of 14 rounds up to 2 pods per wave: ceil(14 / 2) = 7 waves.
        var impact = Assert.Single(root.GetProperty("impacts").EnumerateArray());
        Assert.Equal("fluent-bit", impact.GetProperty("name").GetString());
        Assert.Equal(14, impact.GetProperty("nodes").GetInt32());
        Assert.Equal(7, impact.GetProperty("waves").GetInt32());
        Assert.Equal("maxUnavailable 10%", impact.GetProperty("batch").GetString());

        // The digest stayed: the nodes keep the old image, which the diff says. And the Windows agents' images, by tag in
        // prod (no public record of their digests), are named on every prod diff until they are pinned.
        var security = root.GetProperty("security").EnumerateArray().ToList();
        Assert.Equal("tag-changed-digest-kept", Assert.Single(security, change => change.GetProperty("kind").GetString() != "image-without-digest").GetProperty("kind").GetString());
        Assert.Equal(
            ["fluent-bit-windows", "windows-exporter", "windows-exporter"],
            security.Where(change => change.GetProperty("kind").GetString() == "image-without-digest").Select(change => change.GetProperty("object").GetString()!.Split('/')[^1]));
    }

    [Fact]
    public void Percentage_without_inventory_gives_the_most_waves_there_can_be()
    {
        var before = Monitoring.Replace("maxUnavailable: 1", "maxUnavailable: 25%");
        var result = DiffPair(before, before.Replace("v1.8.2", "v1.8.3"), "-o", "json");
        var impact = Impact(Json(result), "node-exporter");
        Assert.Equal(JsonValueKind.Null, impact.GetProperty("nodes").ValueKind);
        Assert.Equal(4, impact.GetProperty("waves").GetInt32()); // ceil(100 / 25)
        Assert.Equal("rolling restart of all covered nodes in at most 4 waves (maxUnavailable 25%), at least 2 min", impact.GetProperty("summary").GetString());
    }

    [Fact]
    public void Config_change_restarts_through_the_checksum_annotation()
    {
        const string logging = "config:\n  node-agents:logging:\n    logLevel: info\n";
        var result = DiffPair(logging, logging.Replace("info", "debug"), "-o", "json");
        Assert.Equal(3, result.Exit);
        var impact = Impact(Json(result), "fluent-bit");
        Assert.Equal("rolling-restart", impact.GetProperty("impact").GetString());
        Assert.Equal("ConfigMap node-agents/fluent-bit-config (through nodeagents.io/config-sha256)", impact.GetProperty("cause").GetString());
    }

    [Fact]
    public void On_delete_means_no_restart_until_pods_are_deleted()
    {
        var before = Monitoring.Replace("type: RollingUpdate\n      rollingUpdate:\n        maxUnavailable: 1", "type: OnDelete");
        var result = DiffPair(before, before.Replace("v1.8.2", "v1.8.3"), "-o", "json");
        Assert.Equal("no pod restarts until pods are deleted by hand (updateStrategy OnDelete)", Impact(Json(result), "node-exporter").GetProperty("summary").GetString());
    }

    [Fact]
    public void Rename_is_a_replacement_with_a_coverage_gap_on_the_nodes()
    {
        var result = DiffPair(Monitoring, Monitoring.Replace("    minReadySeconds", "    name: node-exporter-v2\n    minReadySeconds"), "--nodes", Kind3, "-o", "json");
        Assert.Equal(3, result.Exit);
        var root = Json(result);
        var daemonSet = root.GetProperty("changes").EnumerateArray().Single(change => change.GetProperty("kind").GetString() == "DaemonSet");
        Assert.Equal("renamed", daemonSet.GetProperty("change").GetString());
        Assert.Equal("DaemonSet node-agents/node-exporter", daemonSet.GetProperty("renamedFrom").GetString());
        Assert.Contains("kubectl apply --prune", daemonSet.GetProperty("removal").GetString());
        var impact = Impact(root, "node-exporter-v2");
        Assert.Equal("replacement", impact.GetProperty("impact").GetString());
        Assert.True(impact.GetProperty("coverageGap").GetBoolean());
        Assert.Equal(3, impact.GetProperty("nodes").GetInt32());
    }

    [Fact]
    public void Removed_agent_says_what_removing_takes()
    {
        var both = Monitoring + "\n  node-agents:logging:\n    logLevel: info\n";
        var result = DiffPair(both, Monitoring, "-o", "json");
        var root = Json(result);
        var removed = root.GetProperty("changes").EnumerateArray().Where(change => change.GetProperty("change").GetString() == "removed").Select(change => change.GetProperty("kind").GetString() + " " + change.GetProperty("name").GetString()).ToList();
        Assert.Equal(["ClusterRole node-agents-fluent-bit", "ClusterRoleBinding node-agents-fluent-bit", "ConfigMap fluent-bit-config", "DaemonSet fluent-bit", "ServiceAccount fluent-bit"], removed);
        Assert.Equal("removed", Impact(root, "fluent-bit").GetProperty("impact").GetString());
        Assert.False(root.GetProperty("everyAgentRemoved").GetBoolean());
    }

    [Fact]
    public void Privileged_security_agent_and_prod_image_without_digest_are_security_changes()
    {
        const string security = "config:\n  node-agents:security:\n    image: docker.io/falcosecurity/falco:0.44.1@sha256:d0cfe422d6ac0e0f20857798f46c7d7273210e1b064b22821e4e6e7f843cde6b\n";
        var result = DiffPair(security, security + "    privileged: true\n", "-o", "json");
        var kinds = Json(result).GetProperty("security").EnumerateArray().Select(item => item.GetProperty("kind").GetString()).ToList();
        Assert.Contains("privileged", kinds);

        using var project = new TempProject(copyStacks: false);
        project.Write("Pulumi.prod.yaml", security);
        var basePath = Path.Combine(project.Path, "base");
        Assert.Equal(0, project.Run("render", "--stack", "prod", "--out", basePath).Exit);
        project.Write("Pulumi.prod.yaml", security.Replace("@sha256:d0cfe422d6ac0e0f20857798f46c7d7273210e1b064b22821e4e6e7f843cde6b", ""));
        var prod = project.Run("diff", "--stack", "prod", "--base", basePath, "-o", "json");
        var item = Json(prod).GetProperty("security").EnumerateArray().Single();
        Assert.Equal("image-without-digest", item.GetProperty("kind").GetString());
        Assert.Equal("containers[falco].image: docker.io/falcosecurity/falco:0.44.1 has no digest; production images are pinned by digest", item.GetProperty("message").GetString());
    }

    [Fact]
    public void Markdown_summary_rows_are_exact()
    {
        var result = DiffPair(Monitoring, Monitoring.Replace("v1.8.2", "v1.8.3"), "--nodes", Kind3, "-o", "markdown");
        var rows = result.Stdout.Split('\n').SkipWhile(line => line != "| object | change | impact |").TakeWhile(line => line.StartsWith('|')).ToList();
        Assert.Equal(
            [
                "| object | change | impact |",
                "|---|---|---|",
                "| DaemonSet node-agents/node-exporter | changed | rolling restart of 3 nodes in 3 waves (maxUnavailable 1), at least 1 min 30 s (cause: metadata.labels[app.kubernetes.io/version]; containers[node-exporter].image) |",
                "| ServiceAccount node-agents/node-exporter | changed | metadata only: nothing restarts |",
            ],
            rows);
        Assert.Contains("<details><summary>DaemonSet node-agents/node-exporter: 3 fields</summary>", result.Stdout);
        Assert.True(result.Stdout.IndexOf("| object |", StringComparison.Ordinal) < result.Stdout.IndexOf("<details>", StringComparison.Ordinal));
    }

    [Fact]
    public void Empty_stack_is_refused_by_render_and_diff_unless_allowed_and_diff_says_every_agent_removed_first()
    {
        var disabled = Monitoring + "\n    enabled: false\n";
        using var project = new TempProject(copyStacks: false);
        project.Write("Pulumi.t.yaml", Monitoring);
        var basePath = Path.Combine(project.Path, "base");
        Assert.Equal(0, project.Run("render", "--stack", "t", "--out", basePath).Exit);
        project.Write("Pulumi.t.yaml", disabled);

        var render = project.Run("render", "--stack", "t", "--out", Path.Combine(project.Path, "empty"));
        Assert.Equal(1, render.Exit);
        Assert.Contains("deploys no agent", render.Stderr);
        Assert.False(Directory.Exists(Path.Combine(project.Path, "empty")));
        Assert.Equal(1, project.Run("diff", "--stack", "t", "--base", basePath).Exit);

        project.Write("Pulumi.t.yaml", disabled + "  node-agents:allowEmpty: true\n");
        var diff = project.Run("diff", "--stack", "t", "--base", basePath);
        Assert.Equal(3, diff.Exit);
        Assert.StartsWith("EVERY AGENT REMOVED", diff.Stdout);
        var markdown = project.Run("diff", "--stack", "t", "--base", basePath, "-o", "markdown");
        Assert.StartsWith("**EVERY AGENT REMOVED: the current render deploys no DaemonSet; a sync with pruning deletes every agent.**\n\n### nodeagents diff", markdown.Stdout);
        var json = Json(project.Run("diff", "--stack", "t", "--base", basePath, "-o", "json"));
        Assert.True(json.GetProperty("everyAgentRemoved").GetBoolean());
        Assert.Equal(["DaemonSet", "Namespace", "ServiceAccount"], json.GetProperty("changes").EnumerateArray().Select(change => change.GetProperty("kind").GetString()));
        Assert.All(json.GetProperty("changes").EnumerateArray(), change => Assert.Equal("removed", change.GetProperty("change").GetString()));
    }

    [Fact]
    public void Allow_empty_takes_only_true_or_false()
    {
        using var project = new TempProject(copyStacks: false);
        project.Write("Pulumi.t.yaml", Monitoring + "\n  node-agents:allowEmpty: maybe\n");
        var result = project.Run("render", "--stack", "t", "--stdout");
        Assert.Equal(2, result.Exit);
        Assert.Contains("Pulumi.t.yaml:9:27: node-agents:allowEmpty: expected true or false, got 'maybe'", result.Stderr);
    }

    [Fact]
    public void Unreadable_base_is_exit_2()
    {
        using var project = new TempProject(copyStacks: false);
        project.Write("Pulumi.t.yaml", Monitoring);
        var notARevision = project.Run("diff", "--stack", "t", "--base", "no-such-revision-or-folder");
        Assert.Equal(2, notARevision.Exit);
        Assert.Contains("neither a folder nor a git revision", notARevision.Stderr);

        var folder = Path.Combine(project.Path, "broken");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "60-daemonset-x.yaml"), "a: [1, 2\n");
        var broken = project.Run("diff", "--stack", "t", "--base", folder);
        Assert.Equal(2, broken.Exit);
        Assert.Contains("60-daemonset-x.yaml", broken.Stderr);
    }

    [Fact]
    public void Git_revision_base_renders_from_a_temporary_worktree_that_is_removed_also_on_failure()
    {
        using var project = new TempProject(copyStacks: false);
        Git(project.Path, "init", "--quiet");
        project.Write("Pulumi.t.yaml", Monitoring);
        Git(project.Path, "add", ".");
        Git(project.Path, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "--quiet", "-m", "base");
        project.Write("Pulumi.t.yaml", Monitoring.Replace("v1.8.2", "v1.8.3"));
        Git(project.Path, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "--quiet", "-am", "tag");

        var diff = project.Run("diff", "--stack", "t", "--base", "HEAD~1", "-o", "json");
        Assert.Equal(3, diff.Exit);
        Assert.Equal("rolling-restart", Impact(Json(diff), "node-exporter").GetProperty("impact").GetString());
        Assert.StartsWith("HEAD~1 (", Json(diff).GetProperty("base").GetString());
        Assert.Equal(0, project.Run("diff", "--stack", "t", "--base", "HEAD").Exit);

        // A base whose stack does not bind: exit 2, and the worktree is gone all the same.
        project.Write("Pulumi.t.yaml", "config:\n  node-agents:monitoring:\n    imag: x\n");
        Git(project.Path, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "--quiet", "-am", "broken");
        project.Write("Pulumi.t.yaml", Monitoring);
        var broken = project.Run("diff", "--stack", "t", "--base", "HEAD");
        Assert.Equal(2, broken.Exit);
        Assert.Contains("imag", broken.Stderr);
        var worktrees = Git(project.Path, "worktree", "list").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(worktrees);
        Assert.DoesNotContain(Directory.GetDirectories(Path.GetTempPath(), "nodeagents-diff-*"), dir => File.Exists(Path.Combine(dir, "Pulumi.t.yaml")) && File.ReadAllText(Path.Combine(dir, "Pulumi.t.yaml")).Contains("imag: x", StringComparison.Ordinal));
    }

    private static string Git(string directory, params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"git {string.Join(' ', args)}: {process.StandardError.ReadToEnd()}");
        return output;
    }
}
