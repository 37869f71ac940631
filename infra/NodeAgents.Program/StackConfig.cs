using NodeAgents.Input;
using NodeAgents.Stacks.Binding;
using NodeAgents.Stacks.Config;
using Pulumi;

namespace NodeAgents.Program;

/// <summary>
/// Reads the whole stack config the Pulumi engine hands the program (every key and the secret keys, see
/// <see cref="PulumiProgramConfig"/>) and binds it with the same <see cref="StackBinder"/> the offline commands use, so
/// <c>pulumi up</c> deploys what <c>nodeagents render</c> shows and rejects what it rejects: unknown or misspelt keys,
/// a misspelt project namespace, a plain-text value for a secret key and a secret for a plain key.
/// </summary>
public static class StackConfig
{
    /// <summary>Reads and binds the config of the running stack.</summary>
    /// <exception cref="RunException">
    /// The config is invalid: the message lists every problem (file, key path, rule), and the run fails with it, without a
    /// stack trace and before any resource is registered.
    /// </exception>
    public static BoundStack Bind()
    {
        var stack = Deployment.Instance.StackName;
        try
        {
            var (values, secretKeys) = PulumiProgramConfig.Read(Environment.GetEnvironmentVariable);
            return StackBinder.Bind(StackInput.FromPulumiConfig(Deployment.Instance.ProjectName, stack, values, secretKeys));
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
