using k8s.Models;
using Pulumi;
using static NodeAgents.Pulumi.Mapping.Values;
using Core = Pulumi.Kubernetes.Types.Inputs.Core.V1;
using ServiceSpecType = Pulumi.Kubernetes.Core.V1.ServiceSpecType;

namespace NodeAgents.Pulumi.Mapping;

/// <summary>core/v1 objects other than pods: Namespace, ServiceAccount, ConfigMap, Secret and Service.</summary>
internal static class CoreV1
{
    /// <summary>The Namespace: metadata (name and Pod Security labels).</summary>
    public static Core.NamespaceArgs Namespace(V1Namespace source) => new() { Metadata = MetaV1.ObjectMeta(source.Metadata) };

    /// <summary>The ServiceAccount: metadata and automountServiceAccountToken.</summary>
    public static Core.ServiceAccountArgs ServiceAccount(V1ServiceAccount source) => new()
    {
        Metadata = MetaV1.ObjectMeta(source.Metadata),
        AutomountServiceAccountToken = Flag(source.AutomountServiceAccountToken),
    };

    /// <summary>The ConfigMap: metadata and data (file name → content).</summary>
    public static Core.ConfigMapArgs ConfigMap(V1ConfigMap source) => new()
    {
        Metadata = MetaV1.ObjectMeta(source.Metadata),
        Data = Map(source.Data),
    };

    /// <summary>
    /// The Secret as the core builds it: metadata and type, no data. The component adds <c>stringData</c>
    /// (the deploy-time values, as Pulumi secrets) to the returned args.
    /// </summary>
    /// <exception cref="InvalidOperationException">The core emitted data into the Secret, which it never should.</exception>
    public static Core.SecretArgs Secret(V1Secret source) => source.Data is { Count: > 0 } || source.StringData is { Count: > 0 }
        ? throw new InvalidOperationException($"Secret '{source.Metadata.Name}' carries data; secret values are supplied at deploy time only")
        : new() { Metadata = MetaV1.ObjectMeta(source.Metadata), Type = source.Type };

    /// <summary>
    /// The spec fields of <paramref name="source"/> that <see cref="Service"/> does not carry (load balancer and
    /// external-IP fields), as API field names; empty when the Service maps completely.
    /// </summary>
    public static IReadOnlyList<string> UnmappedServiceFields(V1Service source)
    {
        var spec = source.Spec ?? new V1ServiceSpec();
        return new (string Field, bool Set)[]
        {
            ("spec.externalIPs", spec.ExternalIPs is { Count: > 0 }),
            ("spec.externalName", spec.ExternalName is not null),
            ("spec.loadBalancerIP", spec.LoadBalancerIP is not null),
            ("spec.loadBalancerClass", spec.LoadBalancerClass is not null),
            ("spec.loadBalancerSourceRanges", spec.LoadBalancerSourceRanges is { Count: > 0 }),
            ("spec.allocateLoadBalancerNodePorts", spec.AllocateLoadBalancerNodePorts is not null),
            ("spec.healthCheckNodePort", spec.HealthCheckNodePort is not null),
            ("spec.sessionAffinityConfig", spec.SessionAffinityConfig is not null),
        }.Where(field => field.Set).Select(field => field.Field).ToList();
    }

    /// <summary>
    /// The Service: metadata and the spec fields an agent's Service may set: type, selector, ports (name, protocol, port,
    /// targetPort, nodePort, appProtocol), clusterIP, clusterIPs, ipFamilies, ipFamilyPolicy, internalTrafficPolicy,
    /// externalTrafficPolicy, sessionAffinity, publishNotReadyAddresses and trafficDistribution.
    /// </summary>
    /// <exception cref="InvalidOperationException">The Service sets a field of <see cref="UnmappedServiceFields"/>, which
    /// would otherwise be dropped silently (the components check this before registering anything).</exception>
    public static Core.ServiceArgs Service(V1Service source)
    {
        var spec = source.Spec ?? new V1ServiceSpec();
        var unmapped = UnmappedServiceFields(source);
        if (unmapped.Count > 0)
        {
            throw new InvalidOperationException($"Service '{source.Metadata?.Name}' sets {string.Join(", ", unmapped)}, which the Pulumi mapping does not carry");
        }

        return new()
        {
            Metadata = MetaV1.ObjectMeta(source.Metadata ?? new V1ObjectMeta()),
            Spec = new Core.ServiceSpecArgs
            {
                Type = spec.Type is { } type ? (InputUnion<string, ServiceSpecType>)type : null,
                Selector = Map(spec.Selector),
                Ports = List(spec.Ports, port => new Core.ServicePortArgs
                {
                    Name = port.Name,
                    Protocol = port.Protocol,
                    Port = port.Port,
                    TargetPort = IntOrString(port.TargetPort),
                    NodePort = Int(port.NodePort),
                    AppProtocol = port.AppProtocol,
                }),
                ClusterIP = spec.ClusterIP,
                ClusterIPs = Strings(spec.ClusterIPs),
                IpFamilies = Strings(spec.IpFamilies),
                IpFamilyPolicy = spec.IpFamilyPolicy,
                InternalTrafficPolicy = spec.InternalTrafficPolicy,
                ExternalTrafficPolicy = spec.ExternalTrafficPolicy,
                SessionAffinity = spec.SessionAffinity,
                PublishNotReadyAddresses = Flag(spec.PublishNotReadyAddresses),
                TrafficDistribution = spec.TrafficDistribution,
            },
        };
    }
}
