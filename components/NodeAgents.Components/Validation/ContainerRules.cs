using System.Globalization;
using k8s.Models;

namespace NodeAgents.Validation;

/// <summary>
/// Containers: names, image pull policy, ports, resources and probe ports (k8s.io/kubernetes pkg/apis/core/validation
/// validateContainers, validatePullPolicy, validateContainerPorts, AccumulateUniqueHostPorts, validateHostNetwork,
/// ValidateContainerResourceRequirements, validateProbe / ValidatePortNumOrName); environment variables are <see cref="EnvRules"/>.
/// </summary>
internal static class ContainerRules
{
    public static readonly ValidationRule Name = new("container-name-invalid", Severity.Error, Sources.Core + "validateContainers (IsDNS1123Label)", "container names are RFC 1123 labels");
    public static readonly ValidationRule NameDuplicate = new("container-name-duplicate", Severity.Error, Sources.Core + "validateContainers", "container names are unique in the pod");
    public static readonly ValidationRule PortRange = new("container-port-invalid", Severity.Error, Sources.Core + "validateContainerPorts (IsValidPortNum)", "containerPort is 1 to 65535, hostPort 0 or 1 to 65535");
    public static readonly ValidationRule PortName = new("container-port-name-invalid", Severity.Error, Sources.Core + "validateContainerPorts (IsValidPortName: IANA service name)", "port names are IANA service names of at most 15 characters");
    public static readonly ValidationRule PortNameDuplicate = new("container-port-name-duplicate", Severity.Error, Sources.Core + "validateContainerPorts", "port names are unique in the pod");
    public static readonly ValidationRule Protocol = new("container-port-protocol-invalid", Severity.Error, Sources.Core + "validateContainerPorts", "protocol is TCP, UDP or SCTP");
    public static readonly ValidationRule HostPortDuplicate = new("container-host-port-duplicate", Severity.Error, Sources.Core + "AccumulateUniqueHostPorts", "a host port and protocol is bound once in the pod");
    public static readonly ValidationRule PortDuplicate = new("container-port-duplicate", Severity.Warning, "k8s.io/kubernetes pkg/api/pod warnings (duplicate port definition)", "a containerPort and protocol is declared once per container");
    public static readonly ValidationRule HostNetworkPort = new("host-network-port-mismatch", Severity.Error, Sources.Core + "validateHostNetwork", "with hostNetwork, hostPort equals containerPort");
    public static readonly ValidationRule ResourceName = new("resource-name-invalid", Severity.Error, Sources.Core + "ValidateContainerResourceRequirements (validateContainerResourceName)", "resource names are cpu, memory, ephemeral-storage, hugepages-<size> or a domain-prefixed extended resource");
    public static readonly ValidationRule QuantityNegative = new("resource-quantity-negative", Severity.Error, Sources.Core + "ValidateResourceQuantityValue (ValidateNonnegativeQuantity)", "quantities are not negative");
    public static readonly ValidationRule QuantityRange = new("resource-quantity-out-of-range", Severity.Error, Sources.Core + "ValidateResourceQuantityValue; Quantity.MilliValue/Value (int64) as the scheduler reads them", "cpu (in millicores), memory (in bytes) and pods fit in a 64-bit integer; pods are whole");
    public static readonly ValidationRule ExtendedOvercommit = new("resource-extended-overcommit", Severity.Error, Sources.Core + "ValidateContainerResourceRequirements (IsOvercommitAllowed: extended and hugepages resources)", "an extended or hugepages resource (e.g. nvidia.com/gpu) has a limit, and its request equals it");
    public static readonly ValidationRule LimitBelowRequest = new("resource-limit-below-request", Severity.Error, Sources.Core + "ValidateContainerResourceRequirements", "a limit is not below its request");
    public static readonly ValidationRule PullPolicy = new("image-pull-policy-invalid", Severity.Error, Sources.Core + "validatePullPolicy", "imagePullPolicy is Always, IfNotPresent or Never");
    public static readonly ValidationRule ProbePort = new("probe-port-invalid", Severity.Error, Sources.Core + "validateProbe (ValidatePortNumOrName)", "a probe port is 1 to 65535 or an IANA port name");
    public static readonly ValidationRule ProbePortMissing = new("probe-port-not-found", Severity.Error, "kubelet probe port resolution (k8s.io/kubernetes pkg/kubelet/prober; FindPort of pkg/api/v1/pod)", "a named probe port is a port of the container");

    public static IReadOnlyList<ValidationRule> All { get; } =
    [
        Name, NameDuplicate, PullPolicy, PortRange, PortName, PortNameDuplicate, Protocol, HostPortDuplicate, PortDuplicate, HostNetworkPort,
        ResourceName, QuantityNegative, QuantityRange, ExtendedOvercommit, LimitBelowRequest, ProbePort, ProbePortMissing,
    ];

    private static readonly string[] StandardResources = ["cpu", "memory", "ephemeral-storage"];

    public static void Check(V1PodSpec pod, string podPath, FindingSink sink)
    {
        var containerNames = new HashSet<string>(StringComparer.Ordinal);
        var portNames = new HashSet<string>(StringComparer.Ordinal);
        var hostPorts = new HashSet<(int, string, string)>();
        var hostNetwork = pod.HostNetwork == true;
        foreach (var (container, path) in PodContainers.All(pod, podPath))
        {
            if (KubernetesNames.Dns1123Label(container.Name) is { } nameError)
            {
                sink.Add(Name, path + ".name", container.Name, "container name " + nameError);
            }
            else if (!containerNames.Add(container.Name))
            {
                sink.Add(NameDuplicate, path + ".name", container.Name, $"container name '{container.Name}' is used twice in the pod");
            }

            if (!string.IsNullOrEmpty(container.ImagePullPolicy) && container.ImagePullPolicy is not ("Always" or "IfNotPresent" or "Never"))
            {
                sink.Add(PullPolicy, path + ".imagePullPolicy", container.ImagePullPolicy,
                    "supported values: \"Always\", \"IfNotPresent\", \"Never\" (case-sensitive); IfNotPresent suits images pinned by tag or digest");
            }

            CheckPorts(container, path, hostNetwork, portNames, hostPorts, sink);
            CheckResources(container.Resources, path + ".resources", sink);
            EnvRules.Check(container, path, sink);
            CheckProbe(container, container.LivenessProbe, path + ".livenessProbe", sink);
            CheckProbe(container, container.ReadinessProbe, path + ".readinessProbe", sink);
            CheckProbe(container, container.StartupProbe, path + ".startupProbe", sink);
        }
    }

    private static void CheckPorts(V1Container container, string containerPath, bool hostNetwork, HashSet<string> portNames, HashSet<(int, string, string)> hostPorts, FindingSink sink)
    {
        var declared = new HashSet<(int, string)>();
        var ports = container.Ports ?? [];
        for (var i = 0; i < ports.Count; i++)
        {
            var port = ports[i];
            var path = $"{containerPath}.ports[{i}]";
            var protocol = port.Protocol ?? "TCP";
            if (port.Name is { } name)
            {
                if (KubernetesNames.PortName(name) is { } nameError)
                {
                    sink.Add(PortName, path + ".name", name, "port name " + nameError);
                }
                else if (!portNames.Add(name))
                {
                    sink.Add(PortNameDuplicate, path + ".name", name, $"port name '{name}' is used twice in the pod");
                }
            }

            if (port.ContainerPort is < 1 or > 65535)
            {
                sink.Add(PortRange, path + ".containerPort", Number(port.ContainerPort), "must be between 1 and 65535, inclusive");
            }

            if (port.HostPort is < 0 or > 65535)
            {
                sink.Add(PortRange, path + ".hostPort", Number(port.HostPort!.Value), "must be between 1 and 65535, inclusive (or 0/unset for no host port)");
            }

            if (protocol is not ("TCP" or "UDP" or "SCTP"))
            {
                sink.Add(Protocol, path + ".protocol", protocol, "supported values: \"TCP\", \"UDP\", \"SCTP\"");
            }

            if (hostNetwork && port.HostPort is > 0 && port.HostPort != port.ContainerPort)
            {
                sink.Add(HostNetworkPort, path + ".hostPort", Number(port.HostPort.Value), $"must match containerPort ({port.ContainerPort}) when hostNetwork is true");
            }

            if (!declared.Add((port.ContainerPort, protocol)))
            {
                sink.Add(PortDuplicate, path + ".containerPort", Number(port.ContainerPort), $"port {port.ContainerPort}/{protocol} is declared twice in container '{container.Name}'");
            }

            var hostPort = HostPorts.Effective(port, hostNetwork);
            if (hostPort > 0 && !hostPorts.Add((hostPort, protocol, port.HostIP ?? "")))
            {
                sink.Add(HostPortDuplicate, path + ".hostPort", Number(hostPort), $"host port {hostPort}/{protocol} is bound twice in the pod");
            }
        }
    }

    private static void CheckResources(V1ResourceRequirements? resources, string path, FindingSink sink)
    {
        if (resources is null)
        {
            return;
        }

        foreach (var (section, quantities) in new[] { ("limits", resources.Limits), ("requests", resources.Requests) })
        {
            foreach (var (name, quantity) in quantities ?? new Dictionary<string, ResourceQuantity>())
            {
                var itemPath = $"{path}.{section}[{name}]";
                if (ResourceNameError(name) is { } nameError)
                {
                    sink.Add(ResourceName, itemPath, name, nameError);
                }

                if (quantity is not null && Amount(quantity) is < 0 and var negative)
                {
                    sink.Add(QuantityNegative, itemPath, negative.ToString(CultureInfo.InvariantCulture), "must be greater than or equal to 0");
                }
                else if (quantity is not null && Placement.QuantityRules.Problem(name, quantity) is { } range)
                {
                    sink.Add(QuantityRange, itemPath, quantity.ToString(), range);
                }
            }
        }

        foreach (var (name, request) in resources.Requests ?? new Dictionary<string, ResourceQuantity>())
        {
            ResourceQuantity? limit = null;
            var hasLimit = resources.Limits?.TryGetValue(name, out limit) == true && limit is not null;
            if (!OvercommitAllowed(name) && request is not null)
            {
                if (!hasLimit)
                {
                    sink.Add(ExtendedOvercommit, $"{path}.limits[{name}]", null, $"a limit must be set for {name}, which cannot be overcommitted; set limits.{name} equal to the request ({request})");
                }
                else if (Amount(request) != Amount(limit!))
                {
                    sink.Add(ExtendedOvercommit, $"{path}.requests[{name}]", request.ToString(), $"must be equal to {name} limit of {limit}: extended and hugepages resources cannot be overcommitted");
                }

                continue;
            }

            if (hasLimit && request is not null && Amount(request) > Amount(limit!))
            {
                sink.Add(LimitBelowRequest, $"{path}.requests[{name}]", request.ToString(),
                    $"must be less than or equal to {name} limit of {limit}; raise the limit or lower the request");
            }
        }
    }

    /// <summary>
    /// Whether requests of <paramref name="name"/> may be below their limit: native resources (no domain, or the
    /// kubernetes.io domain) except hugepages (k8s.io/kubernetes pkg/apis/core/helper IsOvercommitAllowed).
    /// </summary>
    private static bool OvercommitAllowed(string name) =>
        !name.StartsWith("hugepages-", StringComparison.Ordinal) &&
        (!name.Contains('/', StringComparison.Ordinal) || name.StartsWith("kubernetes.io/", StringComparison.Ordinal) || name.Contains(".kubernetes.io/", StringComparison.Ordinal));

    /// <summary>The quantity's value, or null when it does not fit a decimal (reported by the range rule instead).</summary>
    internal static decimal? Amount(ResourceQuantity quantity)
    {
        try
        {
            return quantity.ToDecimal();
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    private static string? ResourceNameError(string name)
    {
        if (KubernetesNames.QualifiedName(name) is { } error)
        {
            return "resource name " + error;
        }

        if (!name.Contains('/', StringComparison.Ordinal))
        {
            return StandardResources.Contains(name) || name.StartsWith("hugepages-", StringComparison.Ordinal)
                ? null
                : $"'{name}' is not a standard container resource (cpu, memory, ephemeral-storage, hugepages-<size>); extended resources need a domain prefix such as nvidia.com/gpu";
        }

        return null;
    }

    private static void CheckProbe(V1Container container, V1Probe? probe, string path, FindingSink sink)
    {
        if (probe is null)
        {
            return;
        }

        var (port, portPath) = probe.HttpGet is { } http ? (http.Port, path + ".httpGet.port")
            : probe.TcpSocket is { } tcp ? (tcp.Port, path + ".tcpSocket.port")
            : (null, path);
        if (port?.Value is not { } text)
        {
            return;
        }

        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            if (number is < 1 or > 65535)
            {
                sink.Add(ProbePort, portPath, text, "must be between 1 and 65535, inclusive");
            }
        }
        else if (KubernetesNames.PortName(text) is { } nameError)
        {
            sink.Add(ProbePort, portPath, text, "probe port name " + nameError);
        }
        else if (!(container.Ports ?? []).Any(declared => declared.Name == text))
        {
            sink.Add(ProbePortMissing, portPath, text, $"container '{container.Name}' has no port named '{text}', so the kubelet cannot run the probe; name one of its ports '{text}' or give the port number");
        }
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
