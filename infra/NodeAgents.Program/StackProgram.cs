using System.Collections.Immutable;
using NodeAgents.Building;
using NodeAgents.Pulumi.Components;
using Pulumi;

namespace NodeAgents.Program;

/// <summary>
/// The stack: binds the config (<see cref="StackConfig"/>), creates the explicit provider (<see cref="KubernetesProvider"/>),
/// one Namespace per agent namespace (with the Pod Security level that admits all its agents, as the offline render has),
/// one <see cref="NodeAgent"/> per agent, and exports per agent its DaemonSet name, namespace and image.
/// </summary>
public static class StackProgram
{
    /// <summary>Runs inside <c>Deployment.RunAsync</c> (or <c>Deployment.TestAsync</c>); returns the stack outputs.</summary>
    /// <returns>Agent name → <c>{ daemonSet, namespace, image }</c>; never a secret value.</returns>
    /// <exception cref="RunException">The stack config is invalid (every problem listed), or an agent is invalid.</exception>
    public static IDictionary<string, object?> Run()
    {
        var bound = StackConfig.Bind();
        var provider = KubernetesProvider.Create();
        var manifests = ManifestSet.Build(bound.Agents, bound.PartOf);
        var namespaces = manifests.Namespaces.ToDictionary(
            ns => ns.Metadata.Name,
            ns => AgentNamespace.Create(ns, new CustomResourceOptions { Provider = provider }),
            StringComparer.Ordinal);

        var outputs = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var spec in bound.Agents)
        {
            var agent = new NodeAgent(spec.Name, new NodeAgentArgs { Spec = spec }, new ComponentResourceOptions
            {
                Provider = provider,
                DependsOn = { namespaces[spec.Namespace] },
            });
            var image = spec.Image.ToString();
            outputs[spec.Name] = Output.Tuple(agent.DaemonSetName, agent.Namespace).Apply(names => ImmutableDictionary.CreateRange(
                StringComparer.Ordinal,
                [
                    KeyValuePair.Create("daemonSet", names.Item1),
                    KeyValuePair.Create("namespace", names.Item2),
                    KeyValuePair.Create("image", image),
                ]));
        }

        return outputs;
    }
}
