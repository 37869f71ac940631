using NodeAgents.Input;
using NodeAgents.Stacks.Binding;
using NodeAgents.Stacks.Config;

namespace NodeAgents.Cli.Tests.Stacks;

public class RolloutTimeoutBindingTests
{
    [Fact]
    public void A_stack_sets_an_agents_rollout_timeout_and_a_bad_one_is_reported_at_its_position()
    {
        using var project = new TempProject(copyStacks: false);
        project.Write("Pulumi.qa.yaml", "config:\n  node-agents:monitoring:\n    rolloutTimeout: 45m\n  node-agents:logging:\n    rolloutTimeout: soon\n");

        var error = Assert.Throws<InputException>(() => StackBinder.Bind(StackFiles.Load(project.Path, "qa")));
        var problem = Assert.Single(error.Problems);
        Assert.Equal("node-agents:logging.rolloutTimeout", problem.Path);
        Assert.Equal(5, problem.Line);
        Assert.StartsWith("expected a Go duration such as 90s, 30m or 1h30m", problem.Message, StringComparison.Ordinal);

        project.Write("Pulumi.qa.yaml", "config:\n  node-agents:monitoring:\n    rolloutTimeout: 45m\n");
        var monitoring = StackBinder.Bind(StackFiles.Load(project.Path, "qa")).Agents.Single();
        Assert.Equal(TimeSpan.FromMinutes(45), monitoring.RolloutTimeout);
    }
}
