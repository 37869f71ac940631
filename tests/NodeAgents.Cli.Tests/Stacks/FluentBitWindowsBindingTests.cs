using System.Text.Json;
using NodeAgents.Input;
using NodeAgents.Model;
using NodeAgents.Stacks.Binding;
using NodeAgents.Stacks.Config;

namespace NodeAgents.Cli.Tests.Stacks;

/// <summary><c>preset: fluent-bit-windows</c> from a stack file: bound with the Linux preset's options, rendered and validated.</summary>
public class FluentBitWindowsBindingTests
{
    private const string Stack = """
        config:
          node-agents:agents:
            fluent-bit:
              preset: fluent-bit
              output: {type: forward, host: fluentd-aggregator.logging.svc, tls: true, sharedKey: generate}
            fluent-bit-windows:
              preset: fluent-bit-windows
              logLevel: warn
              output: {type: forward, host: fluentd-aggregator.logging.svc, tls: true, sharedKey: generate}
              priorityClassName: system-node-critical
        """;

    [Fact]
    public void The_preset_binds_the_output_options_of_the_Linux_preset()
    {
        using var project = new TempProject(copyStacks: false);
        project.Write("Pulumi.qa.yaml", Stack);

        var bound = StackBinder.Bind(StackFiles.Load(project.Path, "qa"));

        Assert.Equal(["fluent-bit", "fluent-bit-windows"], bound.Agents.Select(agent => agent.Name));
        var windows = bound.Agents.Single(agent => agent.Name == "fluent-bit-windows");
        Assert.Equal((AgentRole.Logging, "windows", "system-node-critical"), (windows.Role, windows.Os, windows.PriorityClassName));
        var config = windows.ConfigFiles["fluent-bit.conf"];
        Assert.Contains("Log_Level     warn", config, StringComparison.Ordinal);
        Assert.Contains("Host        fluentd-aggregator.logging.svc", config, StringComparison.Ordinal);
        Assert.Contains("tls         On", config, StringComparison.Ordinal);
        Assert.Equal(["FORWARD_SHARED_KEY"], windows.SecretEnv.Select(secret => secret.Name));
        var linux = bound.Agents.Single(agent => agent.Name == "fluent-bit").ConfigFiles["fluent-bit.conf"];
        Assert.Equal(linux[linux.IndexOf("[OUTPUT]", StringComparison.Ordinal)..], config[config.IndexOf("[OUTPUT]", StringComparison.Ordinal)..]);
    }

    [Fact]
    public void A_mistake_in_its_options_is_reported_at_its_position_as_for_the_Linux_preset()
    {
        using var project = new TempProject(copyStacks: false);
        project.Write("Pulumi.qa.yaml", "config:\n  node-agents:agents:\n    fluent-bit-windows:\n      preset: fluent-bit-windows\n      output: {type: loki, sharedKey: generate}\n      logLevl: debug\n");

        var error = Assert.Throws<InputException>(() => StackBinder.Bind(StackFiles.Load(project.Path, "qa")));

        var problems = error.Problems.OrderBy(problem => (problem.Line, problem.Column)).Select(problem => problem.ToString()).ToList();
        Assert.Equal(2, problems.Count);
        Assert.StartsWith("Pulumi.qa.yaml:5:", problems[0], StringComparison.Ordinal);
        Assert.Contains("node-agents:agents.fluent-bit-windows.output.sharedKey: a shared key is only used by the forward output", problems[0], StringComparison.Ordinal);
        Assert.StartsWith("Pulumi.qa.yaml:6:7: node-agents:agents.fluent-bit-windows.logLevl: unknown key; did you mean 'logLevel'?", problems[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Render_writes_it_and_validate_passes()
    {
        using var project = new TempProject(copyStacks: false);
        project.Write("Pulumi.qa.yaml", Stack);

        var (validateExit, validateOut, validateErr) = project.Run("validate", "--stack", "qa", "-o", "json");
        var (renderExit, yaml, renderErr) = project.Run("render", "--stack", "qa", "--stdout");

        Assert.True(validateExit == 0, validateOut + validateErr);
        Assert.Empty(JsonDocument.Parse(validateOut).RootElement.GetProperty("findings").EnumerateArray());
        Assert.True(renderExit == 0, renderErr);
        Assert.Contains("image: ghcr.io/fluent/fluent-bit:windows-2022-3.2.10", yaml, StringComparison.Ordinal);
        Assert.Contains("      os:\n        name: windows\n", yaml, StringComparison.Ordinal);
        Assert.Contains("name: fluent-bit-windows-secrets", yaml, StringComparison.Ordinal);
    }
}
