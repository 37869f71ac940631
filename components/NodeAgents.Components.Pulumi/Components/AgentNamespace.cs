using k8s.Models;
using NodeAgents.Pulumi.Mapping;
using Pulumi;
using Core = Pulumi.Kubernetes.Core.V1;

namespace NodeAgents.Pulumi.Components;

/// <summary>
/// Registers a Namespace the core built (<see cref="Building.ManifestSet.Namespaces"/>, with its Pod Security labels) as a
/// typed Pulumi.Kubernetes resource, for programs that deploy several agents into one namespace.
/// </summary>
public static class AgentNamespace
{
    /// <summary>The Namespace resource, named like the namespace itself.</summary>
    public static Core.Namespace Create(V1Namespace source, CustomResourceOptions? options = null) =>
        new(source.Metadata.Name, CoreV1.Namespace(source), options);
}
