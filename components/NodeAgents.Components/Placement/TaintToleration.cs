using k8s.Models;

namespace NodeAgents.Placement;

/// <summary>
/// Taints against tolerations, as k8s.io/api <c>core/v1.Toleration.ToleratesTaint</c> and
/// k8s.io/component-helpers <c>scheduling/corev1.FindMatchingUntoleratedTaint</c> define it.
/// </summary>
public static class TaintToleration
{
    /// <summary>
    /// True when <paramref name="toleration"/> tolerates <paramref name="taint"/>: an empty effect matches every effect, an
    /// empty key matches every key (with <c>Exists</c>: every taint), operator <c>Exists</c> ignores the value, operator
    /// <c>Equal</c> (or empty) needs the same value; any other operator tolerates nothing.
    /// </summary>
    public static bool Tolerates(V1Toleration toleration, V1Taint taint)
    {
        if (!string.IsNullOrEmpty(toleration.Effect) && toleration.Effect != taint.Effect)
        {
            return false;
        }

        if (!string.IsNullOrEmpty(toleration.Key) && toleration.Key != taint.Key)
        {
            return false;
        }

        return toleration.OperatorProperty switch
        {
            null or "" or "Equal" => (toleration.Value ?? "") == (taint.Value ?? ""),
            "Exists" => true,
            _ => false,
        };
    }

    /// <summary>The first taint that passes <paramref name="filter"/> and no toleration tolerates, or null.</summary>
    public static V1Taint? FindUntolerated(IList<V1Taint>? taints, IReadOnlyList<V1Toleration> tolerations, Func<V1Taint, bool> filter)
    {
        foreach (var taint in taints ?? [])
        {
            if (taint is null || !filter(taint))
            {
                continue;
            }

            var tolerated = false;
            foreach (var toleration in tolerations)
            {
                if (Tolerates(toleration, taint))
                {
                    tolerated = true;
                    break;
                }
            }

            if (!tolerated)
            {
                return taint;
            }
        }

        return null;
    }

    /// <summary>A taint as <c>key=value:Effect</c> (or <c>key:Effect</c> without a value).</summary>
    public static string Format(V1Taint taint) =>
        string.IsNullOrEmpty(taint.Value) ? $"{taint.Key}:{taint.Effect}" : $"{taint.Key}={taint.Value}:{taint.Effect}";
}
