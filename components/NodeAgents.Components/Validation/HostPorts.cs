using k8s.Models;

namespace NodeAgents.Validation;

/// <summary>The node ports a pod binds: its hostPorts, and with hostNetwork every containerPort (the API defaults hostPort to it).</summary>
internal static class HostPorts
{
    /// <summary>The node port a container port binds, or 0 when it binds none.</summary>
    public static int Effective(V1ContainerPort port, bool hostNetwork) =>
        port.HostPort is > 0 ? port.HostPort.Value : hostNetwork ? port.ContainerPort : 0;

    /// <summary>Every (port, protocol) the pod binds on its node, with the field path that declares it.</summary>
    public static IEnumerable<(int Port, string Protocol, string Path)> Of(V1PodSpec pod, string podPath)
    {
        var hostNetwork = pod.HostNetwork == true;
        foreach (var (container, path) in PodContainers.All(pod, podPath))
        {
            var ports = container.Ports ?? [];
            for (var i = 0; i < ports.Count; i++)
            {
                var port = Effective(ports[i], hostNetwork);
                if (port > 0)
                {
                    yield return (port, ports[i].Protocol ?? "TCP", $"{path}.ports[{i}]");
                }
            }
        }
    }
}
