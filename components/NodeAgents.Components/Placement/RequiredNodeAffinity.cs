using k8s.Models;

namespace NodeAgents.Placement;

/// <summary>
/// The required node constraints of a pod: its <c>nodeSelector</c> and its
/// <c>affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution</c>, parsed once and matched against many nodes,
/// as k8s.io/component-helpers <c>scheduling/corev1/nodeaffinity.GetRequiredNodeAffinity(pod).Match(node)</c> does:
/// every nodeSelector label must be present with the same value (a <c>labels.SelectorFromSet</c>); then, when required
/// affinity is set, at least one of the <c>nodeSelectorTerms</c> must match (terms are ORed; an empty term, with neither
/// matchExpressions nor matchFields, is skipped and matches nothing; a term with an invalid requirement matches nothing);
/// within a term every matchExpressions and matchFields requirement must match (ANDed). Preferred affinity is ignored:
/// it only scores nodes and never changes where a DaemonSet pod lands.
/// </summary>
public sealed class RequiredNodeAffinity
{
    private readonly KeyValuePair<string, string>[] nodeSelector;
    private readonly Term[]? terms;

    private RequiredNodeAffinity(KeyValuePair<string, string>[] nodeSelector, Term[]? terms)
    {
        this.nodeSelector = nodeSelector;
        this.terms = terms;
    }

    /// <summary>The label keys the constraints read (nodeSelector keys and matchExpressions keys), for grouping nodes.</summary>
    public IEnumerable<string> LabelKeys =>
        nodeSelector.Select(pair => pair.Key).Concat((terms ?? []).SelectMany(term => term.Labels.Select(requirement => requirement.Key)));

    /// <summary>True when the constraints read the node's name (matchFields), so nodes cannot share a decision.</summary>
    public bool ReadsNodeName => (terms ?? []).Any(term => term.Fields.Length > 0);

    /// <summary>True when the nodeSelector or a required term names <paramref name="labelKey"/>.</summary>
    public bool Mentions(string labelKey) => LabelKeys.Contains(labelKey, StringComparer.Ordinal);

    /// <summary>Parses the required constraints of <paramref name="pod"/>.</summary>
    public static RequiredNodeAffinity For(V1PodSpec pod)
    {
        var selector = (pod.NodeSelector ?? new Dictionary<string, string>()).OrderBy(pair => pair.Key, StringComparer.Ordinal).ToArray();
        var required = pod.Affinity?.NodeAffinity?.RequiredDuringSchedulingIgnoredDuringExecution;
        return new RequiredNodeAffinity(selector, required is null ? null : ParseTerms(required.NodeSelectorTerms ?? []));
    }

    /// <summary>Parses one set of ORed terms (a <c>V1NodeSelector</c>), e.g. for a coverage policy selector.</summary>
    public static RequiredNodeAffinity ForTerms(IEnumerable<V1NodeSelectorTerm> selectorTerms) => new([], ParseTerms(selectorTerms));

    /// <summary>Matches <paramref name="node"/>; <paramref name="reason"/> says why not (null on a match).</summary>
    public bool Matches(V1Node node, out string? reason)
    {
        var labels = node.Metadata?.Labels;
        var name = node.Metadata?.Name ?? "";
        foreach (var (key, value) in nodeSelector)
        {
            if (labels is null || !labels.TryGetValue(key, out var actual) || actual != value)
            {
                reason = labels is not null && labels.TryGetValue(key, out actual)
                    ? $"nodeSelector {key}={value} (node has {key}={actual})"
                    : $"nodeSelector {key}={value} (node has no label {key})";
                return false;
            }
        }

        if (terms is null)
        {
            reason = null;
            return true;
        }

        foreach (var term in terms)
        {
            if (term.Matches(labels, name))
            {
                reason = null;
                return true;
            }
        }

        var explained = terms.Select((term, index) => $"term {index}: {term.Explain(labels, name)}").ToList();
        reason = explained.Count == 0
            ? "required node affinity has no non-empty nodeSelectorTerm (matches no node)"
            : explained.Count == 1
                ? "required node affinity " + explained[0]
                : $"required node affinity: none of {explained.Count} nodeSelectorTerms matches ({string.Join("; ", explained)})";
        return false;
    }

    private static Term[] ParseTerms(IEnumerable<V1NodeSelectorTerm> terms)
    {
        var parsed = new List<Term>();
        foreach (var term in terms)
        {
            var expressions = term?.MatchExpressions ?? [];
            var fields = term?.MatchFields ?? [];
            if (expressions.Count == 0 && fields.Count == 0)
            {
                continue;
            }

            string? error = null;
            var labels = new List<NodeSelectorRequirementMatch>();
            var fieldMatches = new List<NodeSelectorRequirementMatch>();
            foreach (var requirement in expressions)
            {
                var match = NodeSelectorRequirementMatch.Parse(requirement, field: false, out var problem);
                error ??= problem;
                if (match is not null)
                {
                    labels.Add(match);
                }
            }

            foreach (var requirement in fields)
            {
                var match = NodeSelectorRequirementMatch.Parse(requirement, field: true, out var problem);
                error ??= problem;
                if (match is not null)
                {
                    fieldMatches.Add(match);
                }
            }

            parsed.Add(new Term([.. labels], [.. fieldMatches], error));
        }

        return [.. parsed];
    }

    private sealed record Term(NodeSelectorRequirementMatch[] Labels, NodeSelectorRequirementMatch[] Fields, string? Error)
    {
        public bool Matches(IDictionary<string, string>? labels, string name)
        {
            if (Error is not null)
            {
                return false;
            }

            foreach (var requirement in Labels)
            {
                if (!requirement.Matches(labels, name))
                {
                    return false;
                }
            }

            // As upstream: matchFields are only checked when the node has fields (a name).
            if (name.Length > 0)
            {
                foreach (var requirement in Fields)
                {
                    if (!requirement.Matches(labels, name))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        public string Explain(IDictionary<string, string>? labels, string name)
        {
            if (Error is not null)
            {
                return $"invalid, matches no node ({Error})";
            }

            var failed = Labels.Concat(name.Length > 0 ? Fields : []).First(requirement => !requirement.Matches(labels, name));
            return failed.Explain(labels, name);
        }
    }
}
