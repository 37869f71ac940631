using k8s.Models;
using static NodeAgents.Pulumi.Mapping.Values;
using Core = Pulumi.Kubernetes.Types.Inputs.Core.V1;

namespace NodeAgents.Pulumi.Mapping;

/// <summary>core/v1 objects other than pods: Namespace, ServiceAccount, ConfigMap and Secret.</summary>
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
}
