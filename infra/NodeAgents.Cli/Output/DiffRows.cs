using NodeAgents.Diff;

namespace NodeAgents.Cli.Output;

/// <summary>What the diff outputs say above the report: the stack, the base, the inventory and its node count.</summary>
/// <param name="Stack">The stack name.</param>
/// <param name="Base">The base as given, with the commit for a git revision.</param>
/// <param name="Nodes">The node inventory path, or null.</param>
/// <param name="NodeCount">The nodes in the inventory (0 without one).</param>
internal sealed record DiffHeader(string Stack, string Base, string? Nodes, int NodeCount);

/// <summary>The summary rows every diff output shares: one per changed object, with its impact.</summary>
internal static class DiffRows
{
    /// <summary>The headline: <c>every agent removed</c> first when it applies, then the counts.</summary>
    public static IEnumerable<string> Headline(DiffReport report, DiffHeader header)
    {
        if (report.EveryAgentRemoved)
        {
            yield return "EVERY AGENT REMOVED: the current render deploys no DaemonSet; a sync with pruning deletes every agent.";
        }

        var counts = string.Join(", ", Enum.GetValues<ChangeKind>()
            .Select(kind => (kind, count: report.Changes.Count(change => change.Kind == kind)))
            .Where(pair => pair.count > 0)
            .Select(pair => $"{pair.count} {pair.kind.ToString().ToLowerInvariant()}"));
        yield return report.HasChanges
            ? $"{report.Changes.Count} object{(report.Changes.Count == 1 ? "" : "s")} differ{(report.Changes.Count == 1 ? "s" : "")} ({counts}) in stack {header.Stack} against {header.Base}"
              + (header.Nodes is null ? "." : $"; nodes from {header.Nodes} ({header.NodeCount} nodes).")
            : $"No change in stack {header.Stack} against {header.Base}.";
    }

    /// <summary>One row per changed object: the object, the change (<c>renamed from …</c> for renames) and the impact.</summary>
    public static IEnumerable<(string Object, string Change, string Impact)> Rows(DiffReport report) =>
        report.Changes.Select(change => (
            change.Key.ToString(),
            change.Kind == ChangeKind.Renamed ? $"renamed from {change.RenamedFrom!.Name}" : change.Kind.ToString().ToLowerInvariant(),
            Impact(report, change)));

    /// <summary>The impact of an object change: the DaemonSet's impact, else what a removal takes, else empty.</summary>
    public static string Impact(DiffReport report, ObjectChange change) =>
        report.Impacts.FirstOrDefault(impact => impact.DaemonSet == change.Key) is { } impact
            ? impact.Summary + (impact.Kind is ImpactKind.RollingRestart or ImpactKind.OnDelete or ImpactKind.Replacement ? $" (cause: {impact.Cause})" : "")
            : change.Kind == ChangeKind.Removed ? "only removed by kubectl apply --prune or a GitOps prune; pulumi up deletes it"
            : change.Kind == ChangeKind.Added ? "created"
            : change.Fields.All(field => field.Path.StartsWith("metadata.", StringComparison.Ordinal)) ? "metadata only: nothing restarts"
            : change.Key.Kind == "ConfigMap" ? "pods that mount it restart through the config checksum (see their DaemonSet)"
            : change.Key.Kind == "Secret" ? "values supplied at deploy time; running pods keep the values they started with"
            : change.Key.Kind is "ClusterRole" or "Role" or "ClusterRoleBinding" or "RoleBinding" ? "permissions change at once, without restarts"
            : "";

    /// <summary>The impacts of DaemonSets whose object did not change (a Secret-only change).</summary>
    public static IEnumerable<DaemonSetImpact> Indirect(DiffReport report) =>
        report.Impacts.Where(impact => report.Changes.All(change => change.Key != impact.DaemonSet));

    /// <summary>A value cut to <paramref name="max"/> characters for tables (<c>—</c> when absent).</summary>
    public static string Short(string? value, int max = 160) =>
        value is null ? "—" : value.Length <= max ? value : value[..(max - 1)] + "…";
}
