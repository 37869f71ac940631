using System.Globalization;

namespace NodeAgents.Model;

/// <summary>
/// What an agent needs of a node beyond labels, taints and room, checked by <c>plan</c> against the node's
/// <c>status.nodeInfo</c> (see <c>Placement.NodeRuntimeCheck</c>). Every part is optional; an empty record requires nothing.
/// Carried on the built DaemonSet as the annotation <see cref="Annotation"/> (<see cref="ToAnnotation"/> /
/// <see cref="TryParse"/>), so <c>plan --manifests</c> reads the same requirements from any DaemonSet that has it.
/// Every property is an <c>init</c> property, so a config binder can set it key by key: <c>{minimumKernel: "5.8",
/// kernelNeededBy: "…", containerRuntimes: [{scheme: containerd, socket: /run/containerd/containerd.sock}],
/// runtimesNeededFor: "…", architectures: [amd64, arm64]}</c>.
/// </summary>
public sealed record NodeRequirements
{
    /// <summary>The annotation on the DaemonSet that carries the requirements: <c>nodeagents.io/requires</c>.</summary>
    public const string Annotation = "nodeagents.io/requires";

    /// <summary>
    /// The lowest Linux kernel release (<c>status.nodeInfo.kernelVersion</c>) the agent runs on, as dotted numbers,
    /// e.g. <c>5.8</c>; null: no minimum.
    /// </summary>
    public string? MinimumKernel { get; init; }

    /// <summary>What needs <see cref="MinimumKernel"/>, quoted in the reason, e.g. <c>Falco's modern eBPF driver</c>.</summary>
    public string? KernelNeededBy { get; init; }

    /// <summary>
    /// The container runtimes whose socket the agent mounts, by the scheme of <c>status.nodeInfo.containerRuntimeVersion</c>
    /// (<c>containerd</c>, <c>cri-o</c>, <c>docker</c>); empty: any runtime. On a node with another runtime the pod runs
    /// degraded (the socket is not there).
    /// </summary>
    public IReadOnlyList<RuntimeSocket> ContainerRuntimes { get; init; } = [];

    /// <summary>What the runtime socket gives the agent, quoted in the reason, e.g. <c>container metadata</c>.</summary>
    public string? RuntimesNeededFor { get; init; }

    /// <summary>
    /// The CPU architectures the image publishes, as <c>status.nodeInfo.architecture</c> names them (Go's GOARCH:
    /// <c>amd64</c>, <c>arm64</c>); empty: unknown, not checked. On another architecture the pod will not run.
    /// </summary>
    public IReadOnlyList<string> Architectures { get; init; } = [];

    /// <summary>True when nothing is required.</summary>
    public bool IsEmpty => MinimumKernel is null && ContainerRuntimes.Count == 0 && Architectures.Count == 0;

    /// <summary>
    /// The mistakes of requirements bound from config, as (key, message): a minimum kernel that is not <c>N.N[.N…]</c>, a
    /// runtime without scheme or socket, an empty architecture. Empty when valid.
    /// </summary>
    public IReadOnlyList<(string Path, string Message)> Check()
    {
        var problems = new List<(string, string)>();
        if (MinimumKernel is not null && (!KernelRelease.TryParse(MinimumKernel, out _) || MinimumKernel.Any(c => c is not ('.' or (>= '0' and <= '9')))))
        {
            problems.Add(("minimumKernel", $"'{MinimumKernel}' is not a kernel release: expected dotted numbers such as 5.8"));
        }

        for (var index = 0; index < ContainerRuntimes.Count; index++)
        {
            if (ContainerRuntimes[index].Scheme.Length == 0 || ContainerRuntimes[index].Socket.Length == 0 || ContainerRuntimes[index].Scheme.Contains(':', StringComparison.Ordinal))
            {
                problems.Add(($"containerRuntimes[{index}]", "needs a scheme (containerd, cri-o, docker) and a socket path"));
            }
        }

        for (var index = 0; index < Architectures.Count; index++)
        {
            if (string.IsNullOrWhiteSpace(Architectures[index]) || Architectures[index].Contains(',', StringComparison.Ordinal))
            {
                problems.Add(($"architectures[{index}]", "expected an architecture name as status.nodeInfo.architecture reports it (amd64, arm64, …)"));
            }
        }

        return problems;
    }

    /// <summary>
    /// The annotation value: clauses joined by <c>; </c>, each optionally followed by <c> for REASON</c>:
    /// <c>kernel&gt;=5.8 for Falco's modern eBPF driver; runtime=containerd:/run/containerd/containerd.sock for container
    /// metadata; arch=amd64,arm64</c>. Runtimes are <c>scheme:socket</c>, comma-separated.
    /// </summary>
    public string ToAnnotation()
    {
        var clauses = new List<string>();
        if (MinimumKernel is not null)
        {
            clauses.Add("kernel>=" + MinimumKernel + For(KernelNeededBy));
        }

        if (ContainerRuntimes.Count > 0)
        {
            clauses.Add("runtime=" + string.Join(",", ContainerRuntimes.Select(runtime => runtime.Scheme + ":" + runtime.Socket)) + For(RuntimesNeededFor));
        }

        if (Architectures.Count > 0)
        {
            clauses.Add("arch=" + string.Join(",", Architectures));
        }

        return string.Join("; ", clauses);

        static string For(string? reason) => string.IsNullOrEmpty(reason) ? "" : " for " + reason;
    }

    /// <summary>Reads an annotation value written by <see cref="ToAnnotation"/>.</summary>
    /// <param name="text">The annotation value.</param>
    /// <param name="requirements">The requirements read; empty when <paramref name="text"/> is blank.</param>
    /// <param name="error">What is wrong (the clause and the expected form), or null.</param>
    /// <returns>True when the value parses.</returns>
    public static bool TryParse(string text, out NodeRequirements requirements, out string? error)
    {
        requirements = new NodeRequirements();
        error = null;
        foreach (var raw in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var forAt = raw.IndexOf(" for ", StringComparison.Ordinal);
            var clause = forAt < 0 ? raw : raw[..forAt].Trim();
            var reason = forAt < 0 ? null : raw[(forAt + 5)..].Trim();
            if (clause.StartsWith("kernel>=", StringComparison.Ordinal) && KernelRelease.TryParse(clause[8..], out _))
            {
                requirements = requirements with { MinimumKernel = clause[8..], KernelNeededBy = reason };
            }
            else if (clause.StartsWith("runtime=", StringComparison.Ordinal))
            {
                var sockets = new List<RuntimeSocket>();
                foreach (var entry in clause[8..].Split(',', StringSplitOptions.TrimEntries))
                {
                    var colon = entry.IndexOf(':', StringComparison.Ordinal);
                    if (colon <= 0 || colon == entry.Length - 1)
                    {
                        error = $"'{raw}': expected runtime=SCHEME:SOCKET[,SCHEME:SOCKET…]";
                        return false;
                    }

                    sockets.Add(new RuntimeSocket(entry[..colon], entry[(colon + 1)..]));
                }

                requirements = requirements with { ContainerRuntimes = sockets, RuntimesNeededFor = reason };
            }
            else if (clause.StartsWith("arch=", StringComparison.Ordinal) && clause.Length > 5)
            {
                requirements = requirements with { Architectures = [.. clause[5..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)] };
            }
            else
            {
                error = $"'{raw}': expected kernel>=N.N[ for REASON], runtime=SCHEME:SOCKET[,…][ for REASON] or arch=A[,B…]";
                return false;
            }
        }

        return true;
    }
}

/// <summary>A container runtime socket an agent mounts (bindable from config as <c>{scheme: containerd, socket: /run/containerd/containerd.sock}</c>).</summary>
/// <param name="Scheme">The scheme of <c>status.nodeInfo.containerRuntimeVersion</c> it serves: <c>containerd</c>, <c>cri-o</c>, <c>docker</c>.</param>
/// <param name="Socket">The socket's path on the node, e.g. <c>/run/containerd/containerd.sock</c>.</param>
public sealed record RuntimeSocket(string Scheme, string Socket)
{
    /// <summary>An empty socket, for binders that set the properties one by one.</summary>
    public RuntimeSocket()
        : this("", "")
    {
    }
}

/// <summary>
/// A Linux kernel release as <c>uname -r</c> and <c>status.nodeInfo.kernelVersion</c> give it, compared by its leading
/// dotted numbers: <c>5.4.0-1112-azure</c> → 5.4.0, <c>4.18.0-147.8.1.el8_1.x86_64</c> → 4.18.0, <c>6.12.94+</c> → 6.12.94.
/// The distribution suffix (after the first character that is neither a digit nor a dot) is not compared.
/// </summary>
public static class KernelRelease
{
    /// <summary>Reads the leading dotted numbers (at least major.minor) of <paramref name="release"/>.</summary>
    /// <returns>False when the text does not start with <c>N.N</c>.</returns>
    public static bool TryParse(string? release, out int[] numbers)
    {
        numbers = [];
        if (string.IsNullOrEmpty(release))
        {
            return false;
        }

        var end = 0;
        while (end < release.Length && (char.IsAsciiDigit(release[end]) || release[end] == '.'))
        {
            end++;
        }

        var parts = release[..end].TrimEnd('.').Split('.');
        if (parts.Length < 2 || parts.Any(part => part.Length == 0))
        {
            return false;
        }

        var parsed = new int[parts.Length];
        for (var index = 0; index < parts.Length; index++)
        {
            if (!int.TryParse(parts[index], NumberStyles.None, CultureInfo.InvariantCulture, out parsed[index]))
            {
                return false;
            }
        }

        numbers = parsed;
        return true;
    }

    /// <summary>Compares two parsed releases number by number (a missing number counts as 0).</summary>
    public static int Compare(IReadOnlyList<int> left, IReadOnlyList<int> right)
    {
        for (var index = 0; index < Math.Max(left.Count, right.Count); index++)
        {
            var difference = (index < left.Count ? left[index] : 0).CompareTo(index < right.Count ? right[index] : 0);
            if (difference != 0)
            {
                return difference;
            }
        }

        return 0;
    }
}
