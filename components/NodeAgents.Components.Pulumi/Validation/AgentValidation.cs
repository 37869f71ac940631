using NodeAgents.Building;
using NodeAgents.Model;
using Pulumi;

namespace NodeAgents.Pulumi.Validation;

/// <summary>
/// The one place the components validate a spec before registering anything. Today it runs the checks the core has
/// (the image reference grammar of <see cref="ImageReference.CheckParts"/>); the core's manifest validator plugs in at
/// the marked line when it lands.
/// </summary>
internal static class AgentValidation
{
    /// <summary>Every problem of the agent, empty when it may be deployed.</summary>
    public static IReadOnlyList<string> Problems(NodeAgentSpec spec, ManifestSet manifests)
    {
        var problems = new List<string>();
        problems.AddRange(ImageReference.CheckParts(spec.Image.Repository, spec.Image.Tag, spec.Image.Digest).Select(problem => "image: " + problem));

        // MERGE HOOK (the only call site): add the core validator of components/NodeAgents.Components/Validation here, e.g.
        // problems.AddRange(ManifestValidator.Validate(manifests).Select(problem => problem.ToString()));
        return problems;
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
