using System.Runtime.CompilerServices;
using k8s;
using k8s.Models;
using Pulumi;

namespace NodeAgents.Pulumi.Components;

/// <summary>
/// The Kubernetes objects each component of one Pulumi run has registered, per Kubernetes provider, so that two components
/// that would create the same object (same apiVersion, kind, namespace and name, e.g. two <c>LoggingAgent</c>s with the
/// preset's default name <c>fluent-bit</c>) fail at construction instead of in the cluster, where the second create would
/// fail with "already exists" or, with <c>upsertExistingObjects</c>, silently take over the first one's object.
/// </summary>
internal static class ObjectClaims
{
    private static readonly object DefaultProvider = new();

    // One table per Pulumi run (Deployment.Instance is set once per run), released with it.
    private static readonly ConditionalWeakTable<DeploymentInstance, Dictionary<object, Dictionary<string, string>>> Runs = new();

    /// <summary>Claims every object of <paramref name="objects"/> for the component <paramref name="type"/> '<paramref name="name"/>'.</summary>
    /// <exception cref="RunException">
    /// Another component already claimed one of the objects with the same provider; the message names both components and
    /// every clashing object, and nothing of this component is claimed or registered.
    /// </exception>
    public static void Claim(string type, string name, IEnumerable<IKubernetesObject<V1ObjectMeta>> objects, ComponentResourceOptions? options)
    {
        var owner = $"{type} '{name}'";
        object provider = options?.Provider ?? options?.Providers.OfType<global::Pulumi.Kubernetes.Provider>().FirstOrDefault() ?? DefaultProvider;
        var byProvider = Runs.GetValue(Deployment.Instance, _ => new Dictionary<object, Dictionary<string, string>>(ReferenceEqualityComparer.Instance));
        var keyed = objects
            .Select(obj => (Key: $"{obj.ApiVersion} {obj.Kind} {obj.Metadata.NamespaceProperty}/{obj.Metadata.Name}", Label: $"{obj.Kind} {(obj.Metadata.NamespaceProperty is null ? "" : obj.Metadata.NamespaceProperty + "/")}{obj.Metadata.Name}"))
            .ToList();
        List<string> clashes;
        lock (byProvider)
        {
            if (!byProvider.TryGetValue(provider, out var claims))
            {
                claims = new Dictionary<string, string>(StringComparer.Ordinal);
                byProvider[provider] = claims;
            }

            clashes = keyed.Where(obj => claims.ContainsKey(obj.Key)).Select(obj => $"{obj.Label} is already created by {claims[obj.Key]}").ToList();
            if (clashes.Count == 0)
            {
                foreach (var obj in keyed)
                {
                    claims[obj.Key] = owner;
                }
            }
        }

        if (clashes.Count > 0)
        {
            throw new RunException(
                $"{owner}: {clashes.Count} Kubernetes object{(clashes.Count == 1 ? "" : "s")} already created by another component with the same provider; nothing was registered:"
                + string.Concat(clashes.Select(clash => Environment.NewLine + "  " + clash))
                + Environment.NewLine + "  give each agent its own name (options Name) or namespace");
        }
    }
}
