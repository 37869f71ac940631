using k8s.Models;
using NodeAgents.Model;

namespace NodeAgents.Placement;

/// <summary>How a runtime requirement fares on a node.</summary>
public enum RuntimeVerdictKind
{
    /// <summary>The pod is created and scheduled, but the container will not run there (kernel too old, architecture not published).</summary>
    WillNotRun,

    /// <summary>The pod runs, but without part of what it is for (e.g. no container metadata: the runtime socket it mounts is not there).</summary>
    Degraded,

    /// <summary>The node does not report the fact: nothing is guessed.</summary>
    Unknown,
}

/// <summary>One finding of <see cref="NodeRuntimeCheck"/>, e.g. <c>kernel 5.4.0-1112-azure &lt; 5.8 needed by Falco's modern eBPF driver</c>.</summary>
/// <param name="Kind">Will not run, degraded, or unknown.</param>
/// <param name="Reason">The sentence, naming the node's value and the requirement.</param>
public sealed record RuntimeVerdict(RuntimeVerdictKind Kind, string Reason);

/// <summary>
/// Checks an agent's <see cref="NodeRequirements"/> against a node's <c>status.nodeInfo</c>: <c>kernelVersion</c> (Linux
/// nodes only; compared by <see cref="KernelRelease"/>), <c>architecture</c> and the scheme of
/// <c>containerRuntimeVersion</c> (<c>containerd://1.7.1</c> → <c>containerd</c>). A fact the node does not report is
/// <see cref="RuntimeVerdictKind.Unknown"/>, never guessed.
/// </summary>
public static class NodeRuntimeCheck
{
    /// <summary>Every verdict of <paramref name="requirements"/> on <paramref name="node"/>, in the order kernel, architecture, runtime; empty when all hold.</summary>
    public static IReadOnlyList<RuntimeVerdict> Check(NodeRequirements requirements, V1Node node)
    {
        var info = node.Status?.NodeInfo;
        var verdicts = new List<RuntimeVerdict>();
        if (requirements.MinimumKernel is { } minimum && KernelRelease.TryParse(minimum, out var needed)
            && NodeGrouping.OperatingSystem(node) is "linux" or "unknown")
        {
            var neededBy = requirements.KernelNeededBy is { Length: > 0 } by ? " needed by " + by : " needed";
            var kernel = info?.KernelVersion;
            if (string.IsNullOrEmpty(kernel))
            {
                verdicts.Add(new RuntimeVerdict(RuntimeVerdictKind.Unknown, $"kernel unknown (no status.nodeInfo.kernelVersion): {minimum}{neededBy} not checked"));
            }
            else if (!KernelRelease.TryParse(kernel, out var actual))
            {
                verdicts.Add(new RuntimeVerdict(RuntimeVerdictKind.Unknown, $"kernel '{kernel}' unknown (no leading N.N): {minimum}{neededBy} not checked"));
            }
            else if (KernelRelease.Compare(actual, needed) < 0)
            {
                verdicts.Add(new RuntimeVerdict(RuntimeVerdictKind.WillNotRun, $"kernel {kernel} < {minimum}{neededBy}"));
            }
        }

        if (requirements.Architectures.Count > 0)
        {
            var architecture = info?.Architecture;
            if (string.IsNullOrEmpty(architecture))
            {
                verdicts.Add(new RuntimeVerdict(RuntimeVerdictKind.Unknown, $"architecture unknown (no status.nodeInfo.architecture): the image publishes {string.Join(", ", requirements.Architectures)}"));
            }
            else if (!requirements.Architectures.Contains(architecture, StringComparer.Ordinal))
            {
                verdicts.Add(new RuntimeVerdict(RuntimeVerdictKind.WillNotRun, $"architecture {architecture}: the image publishes only {string.Join(", ", requirements.Architectures)}"));
            }
        }

        if (requirements.ContainerRuntimes.Count > 0)
        {
            var runtime = info?.ContainerRuntimeVersion;
            var mounted = string.Join(", ", requirements.ContainerRuntimes.Select(socket => $"{socket.Socket} ({socket.Scheme})"));
            var scheme = Scheme(runtime);
            if (scheme is null)
            {
                verdicts.Add(new RuntimeVerdict(RuntimeVerdictKind.Unknown, $"container runtime unknown ({(string.IsNullOrEmpty(runtime) ? "no status.nodeInfo.containerRuntimeVersion" : $"'{runtime}' has no scheme://")}): the pod mounts {mounted}"));
            }
            else if (!requirements.ContainerRuntimes.Any(socket => string.Equals(socket.Scheme, scheme, StringComparison.OrdinalIgnoreCase)))
            {
                var without = requirements.RuntimesNeededFor is { Length: > 0 } what ? $", so no {what}" : "";
                verdicts.Add(new RuntimeVerdict(RuntimeVerdictKind.Degraded, $"container runtime {runtime}: the pod mounts only {mounted}{without}"));
            }
        }

        return verdicts;
    }

    /// <summary>The scheme of a <c>containerRuntimeVersion</c> (<c>cri-o://1.17.3</c> → <c>cri-o</c>), or null without <c>://</c>.</summary>
    public static string? Scheme(string? containerRuntimeVersion)
    {
        var end = containerRuntimeVersion?.IndexOf("://", StringComparison.Ordinal) ?? -1;
        return end > 0 ? containerRuntimeVersion![..end] : null;
    }
}
