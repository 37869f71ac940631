using System.Globalization;
using k8s.Models;

namespace NodeAgents.Validation;

/// <summary>
/// A Service's ports (k8s.io/kubernetes pkg/apis/core/validation ValidateService, validateServicePort,
/// ValidatePortNumOrName). A port without a protocol counts as TCP, the API default applied before validation.
/// </summary>
internal static class ServiceRules
{
    /// <summary>The protocols a Service port accepts (supportedPortProtocols).</summary>
    public static IReadOnlySet<string> Protocols { get; } = new HashSet<string>(["TCP", "UDP", "SCTP"], StringComparer.Ordinal);

    public static readonly ValidationRule PortsRequired = new("service-ports-required", Severity.Error, Sources.Core + "ValidateService (spec.ports: Required unless headless or ExternalName)", "a Service that is neither headless (clusterIP None) nor ExternalName has at least one port");
    public static readonly ValidationRule PortName = new("service-port-name-invalid", Severity.Error, Sources.Core + "validateServicePort (requireName with more than one port; ValidateDNS1123Label; Duplicate)", "with more than one port every port has a name; names are RFC 1123 labels, unique in the Service");
    public static readonly ValidationRule Port = new("service-port-invalid", Severity.Error, Sources.Core + "validateServicePort (IsValidPortNum; supportedPortProtocols; ValidatePortNumOrName for targetPort)", "port is 1-65535, protocol is TCP, UDP or SCTP, targetPort is 1-65535 or a port name");
    public static readonly ValidationRule PortDuplicate = new("service-port-duplicate", Severity.Error, Sources.Core + "ValidateService (Duplicate of the (protocol, port) pair)", "no two ports of a Service share protocol and port");

    public static IReadOnlyList<ValidationRule> All { get; } = [PortsRequired, PortName, Port, PortDuplicate];

    public static void Check(V1Service service, FindingSink sink)
    {
        var spec = service.Spec ?? new V1ServiceSpec();
        var ports = spec.Ports ?? [];
        if (ports.Count == 0 && spec.ClusterIP != "None" && spec.Type != "ExternalName")
        {
            sink.Add(PortsRequired, "spec.ports", null, "the Service has no ports; give at least one (or make it headless with clusterIP: None)");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        var pairs = new HashSet<(string, int)>();
        for (var i = 0; i < ports.Count; i++)
        {
            var port = ports[i];
            var path = $"spec.ports[{i}]";
            CheckName(port, path, ports.Count > 1, names, sink);

            if (port.Port is < 1 or > 65535)
            {
                sink.Add(Port, path + ".port", port.Port.ToString(CultureInfo.InvariantCulture), $"port {port.Port} is outside 1-65535");
            }

            var protocol = string.IsNullOrEmpty(port.Protocol) ? "TCP" : port.Protocol;
            if (!Protocols.Contains(protocol))
            {
                sink.Add(Port, path + ".protocol", protocol, $"protocol '{protocol}' is not one of SCTP, TCP, UDP");
            }

            CheckTargetPort(port.TargetPort, path + ".targetPort", sink);

            if (!pairs.Add((protocol, port.Port)))
            {
                sink.Add(PortDuplicate, path, $"{port.Port}/{protocol}", $"port {port.Port}/{protocol} is already declared by another port of this Service");
            }
        }
    }

    private static void CheckName(V1ServicePort port, string path, bool required, HashSet<string> names, FindingSink sink)
    {
        if (string.IsNullOrEmpty(port.Name))
        {
            if (required)
            {
                sink.Add(PortName, path + ".name", null, "a Service with more than one port needs a name on every port");
            }

            return;
        }

        if (KubernetesNames.Dns1123Label(port.Name) is { } error)
        {
            sink.Add(PortName, path + ".name", port.Name, "port name " + error);
        }
        else if (!names.Add(port.Name))
        {
            sink.Add(PortName, path + ".name", port.Name, $"port name '{port.Name}' is used twice in this Service");
        }
    }

    private static void CheckTargetPort(IntOrString? target, string path, FindingSink sink)
    {
        if (target?.Value is not { Length: > 0 } text)
        {
            return; // Unset: the API server defaults it to port.
        }

        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            if (number is < 1 or > 65535)
            {
                sink.Add(Port, path, text, $"targetPort {number} is outside 1-65535");
            }
        }
        else if (KubernetesNames.PortName(text) is { } error)
        {
            sink.Add(Port, path, text, "targetPort name " + error);
        }
    }
}
