using System.Text.Json.Nodes;
using NodeAgents.Diff;

namespace NodeAgents.Components.Tests.Diff;

/// <summary>The engine-free diff on small hand-written objects: list-map keys, Secret-only, selector, RBAC, hostPath, digests.</summary>
public class DiffReportTests
{
    private static JsonObject DaemonSet(string pod, string selector = """{"matchLabels":{"app":"a"}}""", string name = "agent") => (JsonObject)JsonNode.Parse(
        """{"apiVersion":"apps/v1","kind":"DaemonSet","metadata":{"name":""" + "\"" + name + "\"" + ""","namespace":"ns","labels":{"app.kubernetes.io/component":"logging"}},"spec":{"selector":"""
        + selector + ""","updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":2}},"template":{"metadata":{"labels":{"app":"a"}},"spec":""" + pod + "}}}")!;

    private const string Pod = """
        {"containers":[
          {"name":"a","image":"r/a:1@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","env":[{"name":"X","value":"1"},{"name":"Y","value":"2"}],
           "ports":[{"containerPort":53,"protocol":"UDP"},{"containerPort":53,"protocol":"TCP"}],
           "volumeMounts":[{"name":"log","mountPath":"/var/log","readOnly":true}]},
          {"name":"b","image":"r/b:1"}],
         "tolerations":[{"operator":"Exists"},{"key":"k","operator":"Equal","value":"v","effect":"NoSchedule"}],
         "volumes":[{"name":"log","hostPath":{"path":"/var/log"}}]}
        """;

    private static DiffReport Compare(JsonObject before, JsonObject after, bool requireDigests = false, params JsonObject[] others) =>
        DiffReport.Build([before, .. others.Select(o => (JsonObject)o.DeepClone())], [after, .. others.Select(o => (JsonObject)o.DeepClone())], requireDigests: requireDigests);

    [Fact]
    public void Reordering_list_maps_and_mapping_keys_is_no_change()
    {
        var reordered = """
            {"volumes":[{"hostPath":{"path":"/var/log"},"name":"log"}],
             "tolerations":[{"key":"k","operator":"Equal","value":"v","effect":"NoSchedule"},{"operator":"Exists"}],
             "containers":[{"name":"b","image":"r/b:1"},
              {"name":"a","image":"r/a:1@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","env":[{"name":"Y","value":"2"},{"name":"X","value":"1"}],
               "ports":[{"containerPort":53,"protocol":"TCP"},{"containerPort":53,"protocol":"UDP"}],
               "volumeMounts":[{"name":"log","mountPath":"/var/log","readOnly":true}]}]}
            """;
        Assert.False(Compare(DaemonSet(Pod), DaemonSet(reordered)).HasChanges);
    }

    [Fact]
    public void Fields_are_named_by_their_list_map_keys()
    {
        var after = Pod.Replace("""{"name":"Y","value":"2"}""", """{"name":"Y","value":"3"}""").Replace("""{"containerPort":53,"protocol":"TCP"}""", """{"containerPort":53,"protocol":"TCP","hostPort":53}""");
        var change = Assert.Single(Compare(DaemonSet(Pod), DaemonSet(after)).Changes);
        Assert.Equal(
            [
                new FieldChange("spec.template.spec.containers[a].env[Y].value", "\"2\"", "\"3\""),
                new FieldChange("spec.template.spec.containers[a].ports[53/TCP].hostPort", null, "53"),
            ],
            change.Fields);
    }

    [Fact]
    public void Rolling_restart_waves_follow_max_unavailable_scaled_against_the_nodes()
    {
        var after = DaemonSet(Pod.Replace("r/b:1", "r/b:2"));
        var report = DiffReport.Build([DaemonSet(Pod)], [after], nodesAfter: new Dictionary<ObjectKey, int> { [ObjectKey.Of(after)] = 7 });
        var impact = Assert.Single(report.Impacts);
        Assert.Equal(ImpactKind.RollingRestart, impact.Kind);
        Assert.Equal(4, impact.Waves); // ceil(7 / 2)
        Assert.Equal("containers[b].image", impact.Cause);
    }

    [Fact]
    public void Surge_waves_use_max_surge_rounded_up()
    {
        var before = DaemonSet(Pod);
        before["spec"]!["updateStrategy"] = JsonNode.Parse("""{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":0,"maxSurge":"30%"}}""");
        var (waves, batch) = RolloutWaves.Of(k8s.KubernetesJson.Deserialize<k8s.Models.V1DaemonSet>(before.ToJsonString()), 10);
        Assert.Equal("maxSurge 30%", batch);
        Assert.Equal(4, waves); // 30% of 10 = 3 per wave → ceil(10 / 3)
    }

    [Fact]
    public void Selector_change_is_a_replacement()
    {
        var report = Compare(DaemonSet(Pod), DaemonSet(Pod, """{"matchLabels":{"app":"b"}}"""));
        var impact = Assert.Single(report.Impacts);
        Assert.Equal(ImpactKind.Replacement, impact.Kind);
        Assert.True(impact.CoverageGap);
    }

    [Fact]
    public void Secret_only_change_is_named_and_restarts_nothing()
    {
        var pod = Pod.Replace("""{"name":"X","value":"1"}""", """{"name":"X","valueFrom":{"secretKeyRef":{"name":"s","key":"k"}}}""");
        var secret = (JsonObject)JsonNode.Parse("""{"apiVersion":"v1","kind":"Secret","metadata":{"name":"s","namespace":"ns"},"type":"Opaque"}""")!;
        var changed = (JsonObject)secret.DeepClone();
        changed["type"] = "kubernetes.io/basic-auth";
        var report = DiffReport.Build([DaemonSet(pod), secret], [DaemonSet(pod), changed]);
        var impact = Assert.Single(report.Impacts);
        Assert.Equal(ImpactKind.SecretOnly, impact.Kind);
        Assert.Equal("Secret ns/s changed", impact.Cause);
    }

    [Fact]
    public void Host_namespaces_capabilities_and_writable_host_paths_are_security_changes()
    {
        var after = Pod.Replace("\"readOnly\":true", "\"readOnly\":false")
            .Replace("""{"name":"b","image":"r/b:1"}""", """{"name":"b","image":"r/b:1","securityContext":{"capabilities":{"add":["NET_ADMIN"]}}}""")
            .Replace("\"tolerations\"", "\"hostPID\":true,\"tolerations\"");
        var security = Compare(DaemonSet(Pod), DaemonSet(after)).Security;
        Assert.Equal(["hostPID", "capability-added", "writable-hostPath"], security.Select(item => item.Kind));
        Assert.Equal("containers[b].securityContext.capabilities.add: +NET_ADMIN", security[1].Message);
        Assert.Equal("hostPath /var/log is now mounted writable", security[2].Message);
    }

    [Fact]
    public void Tag_changed_while_digest_stayed_and_missing_digests_are_flagged()
    {
        var security = Compare(DaemonSet(Pod), DaemonSet(Pod.Replace("r/a:1@", "r/a:2@")), requireDigests: true).Security;
        Assert.Equal(["tag-changed-digest-kept", "image-without-digest"], security.Select(item => item.Kind));
        Assert.Equal("containers[b].image: r/b:1 has no digest; production images are pinned by digest", security[1].Message);
    }

    [Fact]
    public void Wider_rbac_is_a_new_verb_resource_or_group_not_covered_by_the_base_rules()
    {
        JsonObject Role(string rules) => (JsonObject)JsonNode.Parse($$$"""{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRole","metadata":{"name":"r"},"rules":{{{rules}}}}""")!;
        var before = Role("""[{"apiGroups":[""],"resources":["pods","namespaces"],"verbs":["get","list","watch"]}]""");
        var reordered = Role("""[{"apiGroups":[""],"resources":["namespaces","pods"],"verbs":["watch","list","get"]}]""");
        Assert.False(DiffReport.Build([before], [reordered]).HasChanges);

        var wider = Role("""[{"apiGroups":[""],"resources":["pods","namespaces"],"verbs":["get","list","watch"]},{"apiGroups":[""],"resources":["secrets"],"verbs":["get"]}]""");
        var item = Assert.Single(DiffReport.Build([before], [wider]).Security);
        Assert.Equal("rbac-wider", item.Kind);
        Assert.Equal("grants get on secrets", item.Message);

        var wildcard = Role("""[{"apiGroups":["*"],"resources":["*"],"verbs":["*"]}]""");
        Assert.Empty(DiffReport.Build([wildcard], [wider]).Security);
    }
}
