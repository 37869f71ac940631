using k8s.Models;

namespace NodeAgents.Placement;

/// <summary>
/// A port a pod takes on its node: every container port with a <c>hostPort</c>, and with <c>hostNetwork</c> every container
/// port (the API defaults <c>hostPort</c> to <c>containerPort</c> there). Two pods clash, as in the scheduler's NodePorts
/// plugin, when protocol and port are equal and the host IPs overlap (an empty or <c>0.0.0.0</c> host IP overlaps every IP).
/// </summary>
/// <param name="Port">The node port (1–65535).</param>
/// <param name="Protocol">TCP, UDP or SCTP (default TCP).</param>
/// <param name="HostIP">The host IP the port binds, or empty for all.</param>
public sealed record HostPort(int Port, string Protocol, string HostIP)
{
    /// <summary>The host ports of <paramref name="pod"/> (init and regular containers).</summary>
    public static IReadOnlyList<HostPort> Of(V1PodSpec pod)
    {
        var hostNetwork = pod.HostNetwork == true;
        return (pod.InitContainers ?? []).Concat(pod.Containers ?? [])
            .SelectMany(container => container.Ports ?? [])
            .Select(port => (port, number: port.HostPort ?? (hostNetwork ? port.ContainerPort : 0)))
            .Where(pair => pair.number > 0)
            .Select(pair => new HostPort(pair.number, string.IsNullOrEmpty(pair.port.Protocol) ? "TCP" : pair.port.Protocol, pair.port.HostIP ?? ""))
            .Distinct()
            .ToList();
    }

    /// <summary>True when this port and <paramref name="other"/> cannot both be bound on one node.</summary>
    public bool ClashesWith(HostPort other) =>
        Port == other.Port && Protocol == other.Protocol && (IsWildcard(HostIP) || IsWildcard(other.HostIP) || HostIP == other.HostIP);

    /// <inheritdoc />
    public override string ToString() => IsWildcard(HostIP) ? $"{Port}/{Protocol}" : $"{HostIP}:{Port}/{Protocol}";

    private static bool IsWildcard(string ip) => ip.Length == 0 || ip == "0.0.0.0";
}
