namespace NodeAgents.Diff;

/// <summary>
/// The lists that Kubernetes treats as maps, with the fields that key their items. Source: the <c>patchMergeKey</c> struct
/// tags and <c>+listType=map</c> / <c>+listMapKey</c> markers on the types in k8s.io/api <c>core/v1/types.go</c>
/// (PodSpec.containers, initContainers, ephemeralContainers, volumes, imagePullSecrets: <c>name</c>; hostAliases: <c>ip</c>;
/// topologySpreadConstraints: <c>topologyKey</c> + <c>whenUnsatisfiable</c>; Container.env: <c>name</c>; Container.ports:
/// <c>containerPort</c> + <c>protocol</c>; Container.volumeMounts: <c>mountPath</c>; volumeDevices: <c>devicePath</c>;
/// ServiceSpec.ports: <c>port</c> + <c>protocol</c>). PodSpec.tolerations carries no merge key there (an atomic list that
/// strategic merge replaces whole); its order means nothing to the scheduler (any toleration that tolerates a taint counts,
/// pkg/scheduler/framework/plugins/tainttoleration), so its items are matched by <c>key</c> + <c>operator</c> + <c>effect</c>.
/// A missing <c>protocol</c> is <c>TCP</c>, the API server's default (pkg/apis/core/v1/defaults.go).
/// </summary>
public static class ListMapKeys
{
    private static readonly (string Suffix, string[] Keys)[] Lists =
    [
        (".spec.containers", ["name"]),
        (".spec.initContainers", ["name"]),
        (".spec.ephemeralContainers", ["name"]),
        (".spec.volumes", ["name"]),
        (".spec.imagePullSecrets", ["name"]),
        (".spec.hostAliases", ["ip"]),
        (".spec.topologySpreadConstraints", ["topologyKey", "whenUnsatisfiable"]),
        (".spec.tolerations", ["key", "operator", "effect"]),
        ("[].env", ["name"]),
        ("[].ports", ["containerPort", "protocol"]),
        ("[].volumeMounts", ["mountPath"]),
        ("[].volumeDevices", ["devicePath"]),
        (".spec.ports", ["port", "protocol"]),
    ];

    /// <summary>
    /// Lists whose order means nothing and whose items are scalars, compared as sets: the verbs, resources, API groups and
    /// resource names of an RBAC rule (the authorizer checks membership, plugin/pkg/auth/authorizer/rbac/rbac.go) and the
    /// capabilities added or dropped (the runtime applies them as a set).
    /// </summary>
    private static readonly string[] Sets = ["rules[].verbs", "rules[].resources", "rules[].apiGroups", "rules[].resourceNames", "capabilities.add", "capabilities.drop"];

    /// <summary>
    /// The key fields of the list at <paramref name="schemaPath"/> (a path with <c>[]</c> for list items, e.g.
    /// <c>spec.template.spec.containers[].ports</c>), or null when the list is not a map.
    /// </summary>
    public static IReadOnlyList<string>? KeysOf(string schemaPath)
    {
        var path = "." + schemaPath;
        foreach (var (suffix, keys) in Lists)
        {
            if (path.EndsWith(suffix, StringComparison.Ordinal))
            {
                return keys;
            }
        }

        return null;
    }

    /// <summary>True when the scalar list at <paramref name="schemaPath"/> is a set (order carries no meaning).</summary>
    public static bool IsSet(string schemaPath) => Sets.Any(suffix => ("." + schemaPath).EndsWith("." + suffix, StringComparison.Ordinal));

    /// <summary>The default of a key field when the item leaves it out (<c>protocol</c>: <c>TCP</c>), else empty.</summary>
    public static string DefaultOf(string keyField) => keyField == "protocol" ? "TCP" : "";
}
