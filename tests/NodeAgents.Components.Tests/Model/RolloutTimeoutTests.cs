using NodeAgents.Model;
using NodeAgents.Presets;

namespace NodeAgents.Components.Tests.Model;

/// <summary>rolloutTimeout follows Go's time.ParseDuration grammar (go src/time/format.go), as Pulumi's customTimeouts do.</summary>
public class RolloutTimeoutTests
{
    [Theory]
    [InlineData("90s", 90)]
    [InlineData("30m", 1800)]
    [InlineData("1h30m", 5400)]
    [InlineData("1.5h", 5400)]
    [InlineData("2h45m30s", 9930)]
    [InlineData("1500ms", 1.5)]
    [InlineData("24h", 86400)]
    public void Go_durations_parse_to_their_length(string text, double seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), RolloutTimeout.Parse(text, out var problem));
        Assert.Null(problem);
    }

    [Theory]
    [InlineData("10", "expected a Go duration such as 90s, 30m or 1h30m (units ns, us, ms, s, m, h), got '10'")]
    [InlineData("10x", "expected a Go duration such as 90s, 30m or 1h30m (units ns, us, ms, s, m, h), got '10x'")]
    [InlineData("-5m", "expected a Go duration such as 90s, 30m or 1h30m (units ns, us, ms, s, m, h), got '-5m'")]
    [InlineData("1.2.3m", "expected a Go duration such as 90s, 30m or 1h30m (units ns, us, ms, s, m, h), got '1.2.3m'")]
    [InlineData("", "expected a Go duration such as 90s, 30m or 1h30m (units ns, us, ms, s, m, h), got ''")]
    [InlineData("500ms", "a rollout timeout must be at least 1s, got '500ms'")]
    [InlineData("25h", "a rollout timeout may be at most 24h, got '25h'")]
    public void Anything_else_is_a_problem_with_the_grammar_or_the_bounds(string text, string expected)
    {
        Assert.Null(RolloutTimeout.Parse(text, out var problem));
        Assert.Equal(expected, problem);
    }

    [Fact]
    public void The_option_reaches_the_spec_and_a_bad_one_is_an_option_problem()
    {
        Assert.Equal(TimeSpan.FromMinutes(45), MonitoringAgentPreset.Build(new MonitoringAgentOptions { RolloutTimeout = "45m" }).RolloutTimeout);
        Assert.Null(MonitoringAgentPreset.Build().RolloutTimeout);

        var problem = Assert.Single(new MonitoringAgentOptions { RolloutTimeout = "soon" }.Check());
        Assert.Equal("rolloutTimeout", problem.Path);
    }
}
