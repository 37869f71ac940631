using k8s;
using k8s.Models;
using NodeAgents.Rendering;

namespace NodeAgents.Cli.Tests;

public class RenderCommandTests
{
    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void Renders_every_object_of_the_stack_one_file_each(string stack)
    {
        using var project = new TempProject();
        var (exit, stdout, stderr) = project.Run("render", "--stack", stack);

        Assert.True(exit == 0, stderr);
        var folder = Path.Combine(project.Path, "out", stack);
        var files = Directory.GetFiles(folder, "*.yaml").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        // Prod also runs the catalog's two Windows agents.
        string[] windows = stack == "prod" ? ["60-daemonset-" + Ns(stack) + "-fluent-bit-windows.yaml"] : [];
        string[] windowsExporter = stack == "prod" ? ["60-daemonset-" + Ns(stack) + "-windows-exporter.yaml"] : [];
        Assert.Equal(
            ["60-daemonset-kube-system-node-local-dns.yaml", "60-daemonset-" + Ns(stack) + "-falco.yaml", .. windows, "60-daemonset-" + Ns(stack) + "-fluent-bit.yaml", "60-daemonset-" + Ns(stack) + "-node-exporter.yaml", .. windowsExporter],
            files.Where(f => f!.StartsWith("60-", StringComparison.Ordinal)));
        Assert.Equal(["00-namespace-" + Ns(stack) + ".yaml"], files.Where(f => f!.StartsWith("00-", StringComparison.Ordinal)));
        Assert.Equal(["55-service-kube-system-kube-dns-upstream.yaml"], files.Where(f => f!.StartsWith("55-", StringComparison.Ordinal)));
        Assert.Contains($"stack {stack}: {(stack == "prod" ? 6 : 4)} agents, {files.Count} objects", stdout);

        var daemonSet = YamlReader.Deserialize<V1DaemonSet>(File.ReadAllText(Path.Combine(folder, $"60-daemonset-{Ns(stack)}-fluent-bit.yaml")));
        Assert.Equal(Ns(stack), daemonSet.Metadata.NamespaceProperty);
        Assert.Equal("fluent-bit", daemonSet.Spec.Selector.MatchLabels["app.kubernetes.io/name"]);
    }

    [Fact]
    public void The_network_agent_renders_into_kube_system_with_its_upstream_Service_and_no_kube_system_Namespace()
    {
        using var project = new TempProject();
        var (exit, _, stderr) = project.Run("render", "--stack", "prod");

        Assert.True(exit == 0, stderr);
        var folder = Path.Combine(project.Path, "out", "prod");
        Assert.False(File.Exists(Path.Combine(folder, "00-namespace-kube-system.yaml")));
        var service = YamlReader.Deserialize<V1Service>(File.ReadAllText(Path.Combine(folder, "55-service-kube-system-kube-dns-upstream.yaml")));
        Assert.Equal("kube-system", service.Metadata.NamespaceProperty);
        Assert.Equal("kube-dns", service.Spec.Selector["k8s-app"]);
        Assert.Equal(["dns 53/UDP -> 53", "dns-tcp 53/TCP -> 53"], service.Spec.Ports.Select(p => $"{p.Name} {p.Port}/{p.Protocol} -> {p.TargetPort.Value}"));
        var daemonSet = YamlReader.Deserialize<V1DaemonSet>(File.ReadAllText(Path.Combine(folder, "60-daemonset-kube-system-node-local-dns.yaml")));
        var args = daemonSet.Spec.Template.Spec.Containers[0].Args;
        Assert.Equal(service.Metadata.Name, args[args.IndexOf("-upstreamsvc") + 1]);
        Assert.Equal(["NET_ADMIN", "NET_BIND_SERVICE", "NET_RAW"], daemonSet.Spec.Template.Spec.Containers[0].SecurityContext.Capabilities.Add);
    }

    [Fact]
    public void Without_a_stack_renders_every_stack_file()
    {
        using var project = new TempProject();
        var (exit, stdout, _) = project.Run("render");

        Assert.Equal(0, exit);
        Assert.True(Directory.Exists(Path.Combine(project.Path, "out", "dev")));
        Assert.True(Directory.Exists(Path.Combine(project.Path, "out", "prod")));
        Assert.Contains("stack dev:", stdout);
        Assert.Contains("stack prod:", stdout);
    }

    [Fact]
    public void Prod_pins_every_image_by_digest_and_dev_uses_debug_logging()
    {
        using var project = new TempProject();
        var (_, prod, _) = project.Run("render", "--stack", "prod", "--stdout");
        var (_, dev, _) = project.Run("render", "--stack", "dev", "--stdout");

        // The Linux agents' images by digest; the Windows agents' by tag (Pulumi.prod.yaml says why: no public record of the digests).
        var prodImages = DaemonSets(prod).Where(ds => ds.Spec.Template.Spec.Os is null).Select(ds => ds.Spec.Template.Spec.Containers.Single().Image).ToList();
        Assert.Equal(4, prodImages.Count);
        Assert.All(prodImages, image => Assert.Matches("@sha256:[a-f0-9]{64}$", image));
        Assert.Equal(
            ["ghcr.io/fluent/fluent-bit:windows-2022-3.2.10", "ghcr.io/prometheus-community/windows-exporter:0.31.2"],
            DaemonSets(prod).Where(ds => ds.Spec.Template.Spec.Os?.Name == "windows").Select(ds => ds.Spec.Template.Spec.Containers.Single().Image));
        Assert.All(DaemonSets(prod), ds => Assert.NotNull(ds.Spec.Template.Spec.PriorityClassName));
        Assert.All(DaemonSets(prod), ds => Assert.EndsWith("%", ds.Spec.UpdateStrategy.RollingUpdate.MaxUnavailable.Value, StringComparison.Ordinal));

        var devConfig = YamlReader.LoadAll(dev).OfType<V1ConfigMap>().Single(c => c.Metadata.Name == "fluent-bit-config");
        Assert.Contains("Log_Level     debug", devConfig.Data["fluent-bit.conf"]);
        var falco = YamlReader.LoadAll(dev).OfType<V1ConfigMap>().Single(c => c.Metadata.Name == "falco-config");
        Assert.Contains("http_output:\n  enabled: false", falco.Data["falco.yaml"]);
    }

    [Fact]
    public void Two_renders_are_byte_identical()
    {
        using var project = new TempProject();
        project.Run("render", "--stack", "prod", "--out", Path.Combine(project.Path, "a"));
        project.Run("render", "--stack", "prod", "--out", Path.Combine(project.Path, "b"));

        var first = Directory.GetFiles(Path.Combine(project.Path, "a")).Order(StringComparer.Ordinal).ToList();
        var second = Directory.GetFiles(Path.Combine(project.Path, "b")).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(first.Select(Path.GetFileName), second.Select(Path.GetFileName));
        Assert.All(first.Zip(second), pair => Assert.Equal(File.ReadAllBytes(pair.First), File.ReadAllBytes(pair.Second)));
    }

    [Fact]
    public void Json_output_is_a_v1_List_of_every_object()
    {
        using var project = new TempProject();
        var (exit, stdout, _) = project.Run("render", "--stack", "prod", "--stdout", "-o", "json");

        Assert.Equal(0, exit);
        var list = System.Text.Json.JsonDocument.Parse(stdout).RootElement;
        Assert.Equal("List", list.GetProperty("kind").GetString());
        Assert.Equal("v1", list.GetProperty("apiVersion").GetString());
        var kinds = list.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("kind").GetString()).ToList();
        Assert.Equal(6, kinds.Count(kind => kind == "DaemonSet"));
        Assert.Equal("Namespace", kinds[0]);
    }

    [Fact]
    public void Rerender_replaces_its_own_folder_but_refuses_one_holding_foreign_files()
    {
        using var project = new TempProject();
        var folder = Path.Combine(project.Path, "out", "dev");
        Assert.Equal(0, project.Run("render", "--stack", "dev").Exit);
        var falco = Path.Combine(folder, "60-daemonset-node-agents-dev-falco.yaml");
        Assert.True(File.Exists(falco));
        var devFile = Path.Combine(project.Path, "Pulumi.dev.yaml");
        File.WriteAllText(devFile, File.ReadAllText(devFile).Replace("      preset: falco\n", "      preset: falco\n      enabled: false\n", StringComparison.Ordinal));
        Assert.Equal(0, project.Run("render", "--stack", "dev").Exit);
        Assert.False(File.Exists(falco), "a file of the previous render that this render does not write is removed");
        Assert.True(File.Exists(Path.Combine(folder, "60-daemonset-node-agents-dev-fluent-bit.yaml")));

        var foreign = Path.Combine(folder, "notes.txt");
        File.WriteAllText(foreign, "mine");
        var before = Directory.GetFiles(folder).Order(StringComparer.Ordinal).Select(File.ReadAllText).ToList();
        var (exit, _, stderr) = project.Run("render", "--stack", "dev");

        Assert.Equal(2, exit);
        Assert.Contains("notes.txt", stderr);
        Assert.Equal("mine", File.ReadAllText(foreign));
        Assert.Equal(before, Directory.GetFiles(folder).Order(StringComparer.Ordinal).Select(File.ReadAllText).ToList());
        Assert.DoesNotContain(Directory.GetDirectories(Path.Combine(project.Path, "out")), d => Path.GetFileName(d).StartsWith('.'));
    }

    private static string Ns(string stack) => stack == "dev" ? "node-agents-dev" : "node-agents";

    private static IEnumerable<V1DaemonSet> DaemonSets(string stream) => YamlReader.LoadAll(stream).OfType<V1DaemonSet>();
}
