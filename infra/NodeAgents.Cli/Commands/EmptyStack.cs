using NodeAgents.Stacks.Binding;

namespace NodeAgents.Cli.Commands;

/// <summary>
/// The empty-stack gate of render and diff: a stack that deploys no agent (every agent <c>enabled: false</c>) is refused
/// unless it says <c>node-agents:allowEmpty: true</c>, because a GitOps sync with pruning turns an empty render into deleting
/// every agent.
/// </summary>
internal static class EmptyStack
{
    /// <summary>True (after printing why to <paramref name="stderr"/>) when <paramref name="stack"/> deploys no agent and does not allow it.</summary>
    public static bool Refused(BoundStack stack, TextWriter stderr)
    {
        if (stack.EmptyProblem("a sync with pruning would delete every agent") is not { } problem)
        {
            return false;
        }

        stderr.WriteLine($"error: {problem}; nothing was written.");
        return true;
    }
}
