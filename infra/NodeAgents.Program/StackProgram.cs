using System.Collections.Immutable;
using NodeAgents.Building;
using NodeAgents.Validation;
using NodeAgents.Pulumi.Components;
using NodeAgents.Stacks.Binding;
using Pulumi;

namespace NodeAgents.Program;

/// <summary>
/// The stack: binds the config (<see cref="StackConfig"/>), creates the explicit provider (<see cref="KubernetesProvider"/>),
/// one Namespace per agent namespace (with the Pod Security level that admits all its agents, as the offline render has;
/// none for the system namespaces such as kube-system, see <see cref="ManifestSet.SystemNamespaces"/>),
/// one <see cref="NodeAgent"/> per agent (generated values shared as <see cref="SharedSecrets"/> says), and exports per agent its DaemonSet name, namespace and image.
/// </summary>
public static class StackProgram
{
    /// <summary>Runs inside <c>Deployment.RunAsync</c> (or <c>Deployment.TestAsync</c>); returns the stack outputs.</summary>
    /// <returns>Agent name → <c>{ daemonSet, namespace, image }</c>; never a secret value.</returns>
    /// <exception cref="RunException">
    /// The stack config is invalid (every problem listed), an agent is invalid, or the stack deploys no agent without
    /// <c>allowEmpty: true</c>.
    /// </exception>
    public static IDictionary<string, object?> Run()
    {
        var bound = StackConfig.Bind();
        if (bound.EmptyProblem("pulumi up would delete every deployed agent") is { } empty)
        {
            // The rule render and diff apply (BoundStack.EmptyProblem).
            throw new RunException(empty + "; nothing was deployed.");
        }

        var manifests = ManifestSet.Build(bound.Agents, bound.PartOf);
        ValidateAll(manifests);
        var provider = KubernetesProvider.Create();
        var namespaces = manifests.Namespaces.ToDictionary(
            ns => ns.Metadata.Name,
            ns => AgentNamespace.Create(ns, new CustomResourceOptions { Provider = provider }),
            StringComparer.Ordinal);

        var outputs = new Dictionary<string, object?>(StringComparer.Ordinal);
        var sharedSecrets = new SharedSecrets();
        foreach (var spec in bound.Agents)
        {
            var options = new ComponentResourceOptions { Provider = provider };
            if (namespaces.TryGetValue(spec.Namespace, out var ns))
            {
                options.DependsOn.Add(ns);
            }

            var agent = new NodeAgent(spec.Name, new NodeAgentArgs { Spec = spec, SecretData = sharedSecrets.For(spec) }, options);
            sharedSecrets.Remember(spec, agent);
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

    /// <summary>
    /// Runs the core validator over every agent at once (host-port clashes between agents need them all) before anything
    /// is registered; warnings go to the Pulumi log.
    /// </summary>
    /// <exception cref="RunException">Any finding is an error; the message lists every finding.</exception>
    private static void ValidateAll(ManifestSet manifests)
    {
        var findings = ManifestValidator.Validate(manifests);
        var errors = findings.Where(finding => finding.Severity == Severity.Error).ToList();
        if (errors.Count > 0)
        {
            throw new RunException(
                $"{errors.Count} validation error{(errors.Count == 1 ? "" : "s")}; nothing was deployed:"
                + string.Concat(findings.Select(finding => Environment.NewLine + "  " + finding)));
        }

        foreach (var warning in findings)
        {
            Log.Warn(warning.ToString());
        }
    }
}
