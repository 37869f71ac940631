using NodeAgents.Input;
using NodeAgents.Presets;
using NodeAgents.Stacks.Binding;
using NodeAgents.Stacks.Config;
using Pulumi;

namespace NodeAgents.Program;

/// <summary>
/// Reads the stack config the Pulumi engine hands the program (through <see cref="Config"/>) and binds it with the same
/// <see cref="StackBinder"/> the offline commands use, so <c>pulumi up</c> deploys what <c>nodeagents render</c> shows.
/// </summary>
public static class StackConfig
{
    /// <summary>Reads every key of <see cref="StackBinder.ProjectKeys"/> and binds them.</summary>
    /// <exception cref="RunException">
    /// The config is invalid: the message lists every problem (file, key path, rule), and the run fails with it, without a
    /// stack trace and before any resource is registered.
    /// </exception>
    public static BoundStack Bind()
    {
        var project = Deployment.Instance.ProjectName;
        var stack = Deployment.Instance.StackName;
        var config = new Config();
        var secretOnlyKey = LoggingAgentPreset.SharedKeyConfigKey;
        var raw = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var secretKeys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in StackBinder.ProjectKeys)
        {
            var fullKey = $"{project}:{key}";
            if (key == secretOnlyKey)
            {
                // The value itself is read where it is used (as a Pulumi secret); the binder only needs to know it is set.
                if (config.GetSecret(key) is not null)
                {
                    raw[fullKey] = "";
                    secretKeys.Add(fullKey);
                }
            }
            else if (config.Get(key) is { } value)
            {
                raw[fullKey] = value;
            }
        }

        try
        {
            return StackBinder.Bind(StackInput.FromPulumiConfig(project, stack, raw, secretKeys));
        }
        catch (InputException error)
        {
            throw new RunException(
                $"stack '{stack}': {error.Problems.Count} problem{(error.Problems.Count == 1 ? "" : "s")} in the stack config; nothing was deployed:"
                // Positions would point into the JSON Pulumi hands over, not into the stack file: leave them out.
                + string.Concat(error.Problems.Select(problem => Environment.NewLine + "  " + (problem with { Line = 0, Column = 0 }))));
        }
    }
}
