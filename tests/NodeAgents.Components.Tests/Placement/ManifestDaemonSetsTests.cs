using NodeAgents.Input;
using NodeAgents.Placement;

namespace NodeAgents.Components.Tests.Placement;

/// <summary><see cref="ManifestDaemonSets"/> on helm-template-shaped, List and upstream manifests.</summary>
public class ManifestDaemonSetsTests
{
    private static string Write(string text)
    {
        var file = Path.Combine(Path.GetTempPath(), $"manifests-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(file, text);
        return file;
    }

    [Fact]
    public void Helm_template_output_with_comments_empty_documents_and_a_List_yields_only_the_DaemonSets()
    {
        var file = Write("""
            ---
            # Source: chart/templates/sa.yaml
            apiVersion: v1
            kind: ServiceAccount
            metadata: {name: agent}
            ---
            # Source: chart/templates/empty.yaml
            ---
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: one, namespace: a}
            spec:
              selector: {matchLabels: {app: one}}
              template:
                metadata: {labels: {app: one}}
                spec:
                  containers: [{name: c, image: x, ports: [{containerPort: 53, hostPort: 53, protocol: UDP}]}]
            ---
            apiVersion: v1
            kind: List
            items:
              - apiVersion: v1
                kind: ConfigMap
                metadata: {name: skipped}
              - apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: two, namespace: b}
                spec: {template: {spec: {containers: [{name: c, image: "y"}]}}}
            """);
        try
        {
            var daemonSets = ManifestDaemonSets.Read(file);
            Assert.Equal(["a/one", "b/two"], daemonSets.Select(ds => $"{ds.Metadata.NamespaceProperty}/{ds.Metadata.Name}"));
            Assert.Equal(53, daemonSets[0].Spec.Template.Spec.Containers[0].Ports[0].HostPort);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void The_upstream_manifests_yield_their_six_DaemonSets()
    {
        var daemonSets = ManifestDaemonSets.Read(Path.Combine(RepoPaths.SharedData, "upstream"));
        Assert.Equal(["calico-node", "falco", "fluent-bit", "kube-flannel-ds", "node-exporter", "node-local-dns"],
            daemonSets.Select(ds => ds.Metadata.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Aliases_a_file_without_DaemonSets_and_a_missing_path_are_problems()
    {
        var alias = Write("""
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: &m {name: x}
            spec: {template: {metadata: *m, spec: {containers: []}}}
            """);
        var none = Write("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n");
        try
        {
            var problem = Assert.Single(Assert.Throws<InputException>(() => ManifestDaemonSets.Read(alias)).Problems);
            Assert.Equal("YAML aliases (*name) are not supported in manifests", problem.Message);
            Assert.Equal("the manifests hold no DaemonSet", Assert.Single(Assert.Throws<InputException>(() => ManifestDaemonSets.Read(none)).Problems).Message);
            Assert.Equal("no such file or folder", Assert.Single(Assert.Throws<InputException>(() => ManifestDaemonSets.Read(none + ".missing")).Problems).Message);
        }
        finally
        {
            File.Delete(alias);
            File.Delete(none);
        }
    }
}
