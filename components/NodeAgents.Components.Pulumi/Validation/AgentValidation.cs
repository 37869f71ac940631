using NodeAgents.Building;
using NodeAgents.Model;
using NodeAgents.Presets;
using NodeAgents.Validation;
using Pulumi;

namespace NodeAgents.Pulumi.Validation;

/// <summary>
/// The one place the components validate a spec before registering anything: the image reference grammar of
/// <see cref="ImageReference.CheckParts"/> and every error of the core's <see cref="ManifestValidator"/> (the Kubernetes
/// API's rules and the rollout traps), and Service fields the Pulumi mapping does not carry. Warnings do not block a deploy.
/// </summary>
internal static class AgentValidation
{
    /// <summary>Every problem of the agent, empty when it may be deployed.</summary>
    public static IReadOnlyList<string> Problems(NodeAgentSpec spec, ManifestSet manifests)
    {
        var problems = new List<string>();
        problems.AddRange(ImageReference.CheckParts(spec.Image.Repository, spec.Image.Tag, spec.Image.Digest).Select(problem => "image: " + problem));

        problems.AddRange(ManifestValidator.Validate(manifests)
            .Where(finding => finding.Severity == Severity.Error)
            .Select(finding => finding.ToString()));

        foreach (var service in manifests.Agents.SelectMany(agent => agent.Objects.Services))
        {
            var unmapped = Mapping.CoreV1.UnmappedServiceFields(service);
            if (unmapped.Count > 0)
            {
                problems.Add($"Service {service.Metadata.NamespaceProperty}/{service.Metadata.Name}: {string.Join(", ", unmapped)} cannot be deployed by the Pulumi components; leave {(unmapped.Count == 1 ? "it" : "them")} out");
            }
        }

        return problems;
    }

    /// <summary>Returns <paramref name="options"/> when <see cref="AgentOptions.Check"/> finds nothing wrong.</summary>
    /// <exception cref="RunException">The options are invalid; the message names the component and lists every problem.</exception>
    public static T Checked<T>(string type, string name, T options)
        where T : AgentOptions
    {
        var problems = options.Check();
        return problems.Count == 0
            ? options
            : throw new RunException($"{type} '{name}': {problems.Count} problem{(problems.Count == 1 ? "" : "s")} in the options; nothing was registered:"
                + string.Concat(problems.Select(problem => Environment.NewLine + $"  {problem.Path}: {problem.Message}")));
    }

    /// <summary>Throws when a key of <paramref name="supplied"/> is not one of the agent's Secret keys (<see cref="NodeAgentSpec.SecretEnv"/>).</summary>
    /// <exception cref="RunException">The message names the component, the unknown keys and the agent's keys.</exception>
    public static void ThrowIfUnknownSecretKeys(string type, string name, NodeAgentSpec spec, IEnumerable<string> supplied)
    {
        var keys = spec.SecretEnv.Select(secret => secret.Key).Distinct().Order(StringComparer.Ordinal).ToList();
        var unknown = supplied.Where(key => !keys.Contains(key, StringComparer.Ordinal)).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw new RunException($"{type} '{name}': SecretData names {string.Join(", ", unknown.Select(key => $"'{key}'"))}, not a key of agent '{spec.Name}''s Secret ("
                + (keys.Count == 0 ? "it has no Secret" : string.Join(", ", keys)) + "); nothing was registered");
        }
    }

    /// <summary>Throws when the agent has problems.</summary>
    /// <exception cref="RunException">
    /// The spec is invalid; the message names the component and lists every problem, and the Pulumi run fails with it
    /// (without a stack trace).
    /// </exception>
    public static void ThrowIfInvalid(string type, string name, NodeAgentSpec spec, ManifestSet manifests)
    {
        var problems = Problems(spec, manifests);
        if (problems.Count > 0)
        {
            throw new RunException($"{type} '{name}': {problems.Count} problem{(problems.Count == 1 ? "" : "s")} in agent '{spec.Name}'; nothing was registered:"
                + string.Concat(problems.Select(problem => Environment.NewLine + "  " + problem)));
        }
    }
}
