using System.Collections.Immutable;
using System.Text.Json;
using global::Pulumi;
using NodeAgents.Building;
using NodeAgents.Model;
using NodeAgents.Presets;
using NodeAgents.Program;
using NodeAgents.Pulumi.Components;
using NodeAgents.Pulumi.Tests.Support;
using NodeAgents.Stacks.Binding;
using NodeAgents.Stacks.Config;

namespace NodeAgents.Pulumi.Tests;

[Collection(PulumiCollection.Name)]
public class ProgramTests
{
    private static (Dictionary<string, string> Config, List<string> SecretKeys) ConfigOf(string stack) =>
        StackConfigJson.From(StackFiles.Load(RepoPaths.Root, stack));

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public async Task The_program_registers_exactly_the_objects_of_the_offline_render_field_by_field(string stack)
    {
        var offline = StackBinder.Bind(StackFiles.Load(RepoPaths.Root, stack));
        var expected = ManifestSet.Build(offline.Agents, offline.PartOf).Objects;
        var engine = new MockEngine();
        var (config, secretKeys) = ConfigOf(stack);
        await engine.RunAsync(StackProgram.Run, stack, config, secretKeys);

        var registered = engine.KubernetesObjects();
        Assert.Equal(
            expected.Select(obj => $"{obj.Kind}/{obj.Metadata.Name}").Order(StringComparer.Ordinal),
            registered.Select(obj => $"{obj.Kind}/{obj.Name}").Order(StringComparer.Ordinal));
        Assert.Equal(stack == "prod" ? 6 : 4, registered.Count(obj => obj.Kind == "DaemonSet"));

        foreach (var obj in expected)
        {
            var inputs = registered.Single(r => r.Kind == obj.Kind && r.Name == obj.Metadata.Name).Inputs;
            if (obj.Kind == "Secret")
            {
                Assert.Equal(["shared-key"], ((ImmutableDictionary<string, object>)inputs["stringData"]).Keys);
            }

            // The only differences allowed: the deploy-time values, which the offline render leaves out by design.
            var hasSecret = offline.Agents.Any(agent => agent.Name == obj.Metadata.Name && agent.SecretEnv.Count > 0);
            ObjectJson.AssertSame($"{stack}: {obj.Kind}/{obj.Metadata.Name}", ObjectJson.FromModel(obj), ObjectJson.FromInputsWithoutDeployTimeValues(obj.Kind, inputs, hasSecret));
        }
    }

    [Fact]
    public async Task Prod_generates_the_forward_shared_key_and_exports_name_namespace_and_image_per_agent_without_secrets()
    {
        var engine = new MockEngine();
        var (config, secretKeys) = ConfigOf("prod");
        var (_, outputs) = await engine.RunAsync(StackProgram.Run, "prod", config, secretKeys);

        // One generated key for the one aggregator both Fluent Bits forward to (SharedSecrets): the first agent's, handed to
        // the Windows agent, whose Secret holds the same value.
        var password = Assert.Single(engine.Registered, args => args.Type == "random:index/randomPassword:RandomPassword");
        Assert.Equal("fluent-bit-shared-key", password.Name);
        var secrets = engine.KubernetesObjects().Where(obj => obj.Kind == "Secret").ToList();
        Assert.Equal(["fluent-bit-secrets", "fluent-bit-windows-secrets"], secrets.Select(secret => secret.Name).Order(StringComparer.Ordinal));
        Assert.All(secrets, secret => Assert.Equal(MockEngine.RandomResult, ((ImmutableDictionary<string, object>)secret.Inputs["stringData"])["shared-key"]));
        Assert.Equal(["falco", "fluent-bit", "fluent-bit-windows", "node-exporter", "node-local-dns", "windows-exporter"], outputs.Keys.Order(StringComparer.Ordinal));
        var fluentBit = await MockEngine.ValueOf((Output<ImmutableDictionary<string, string>>)outputs["fluent-bit"]!);
        Assert.Equal("fluent-bit", fluentBit["daemonSet"]);
        Assert.Equal("node-agents", fluentBit["namespace"]);
        var expectedImage = StackBinder.Bind(StackFiles.Load(RepoPaths.Root, "prod")).Agents.Single(agent => agent.Name == "fluent-bit").Image;
        Assert.Equal(expectedImage.ToString(), fluentBit["image"]);
        Assert.NotNull(expectedImage.Digest);
        foreach (var output in outputs.Values)
        {
            var value = await MockEngine.ValueOf((Output<ImmutableDictionary<string, string>>)output!);
            Assert.DoesNotContain(MockEngine.RandomResult, JsonSerializer.Serialize(value), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_invalid_stack_config_fails_the_run_with_every_problem_and_registers_nothing()
    {
        var engine = new MockEngine();
        var config = new Dictionary<string, string>
        {
            ["node-agents:logging"] = """{"logLevel": "debug", "outptu": {"type": "loki"}}""",
            ["node-agents:security"] = """{"mode": "shout"}""",
        };
        var error = await Assert.ThrowsAsync<RunException>(() => engine.RunAsync(StackProgram.Run, "dev", config));

        Assert.StartsWith("stack 'dev': 2 problems in the stack config; nothing was deployed:", error.Message, StringComparison.Ordinal);
        Assert.Contains(Environment.NewLine + "  Pulumi.dev.yaml: node-agents:logging.outptu: unknown key; did you mean 'output'?", error.Message, StringComparison.Ordinal);
        Assert.EndsWith(Environment.NewLine + "  Pulumi.dev.yaml: node-agents:security.mode: 'shout' is not one of alert, audit", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(engine.Registered, args => args.Type != "pulumi:pulumi:Stack");
    }

    [Fact]
    public async Task A_component_with_an_invalid_spec_fails_with_the_core_message_before_registering_anything()
    {
        var engine = new MockEngine();
        var spec = MonitoringAgentPreset.Build() with { Image = new ImageReference("Quay.io/Node Exporter", "v1.8.2") };
        var error = await Assert.ThrowsAsync<RunException>(() => engine.RunAsync(() =>
        {
            _ = new NodeAgent("metrics", new NodeAgentArgs { Spec = spec });
            return new Dictionary<string, object?>();
        }));

        Assert.Equal(
            "nodeagents:index:NodeAgent 'metrics': 1 problem in agent 'node-exporter'; nothing was registered:" + Environment.NewLine
            + "  image: " + ImageReference.CheckParts("Quay.io/Node Exporter", "v1.8.2", null).Single(),
            error.Message);
        Assert.Contains("repository 'Quay.io/Node Exporter' must be lower-case", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(engine.Registered, args => args.Type != "pulumi:pulumi:Stack");
    }

    [Fact]
    public async Task A_config_that_breaks_an_API_rule_fails_the_run_with_the_validator_message_and_registers_nothing()
    {
        var engine = new MockEngine();
        var config = new Dictionary<string, string>
        {
            ["node-agents:monitoring"] = """{"updateStrategy": {"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": 1, "maxSurge": 1}}}""",
        };
        var error = await Assert.ThrowsAsync<RunException>(() => engine.RunAsync(StackProgram.Run, "dev", config));

        Assert.StartsWith("2 validation errors; nothing was deployed:", error.Message, StringComparison.Ordinal);
        Assert.Contains("spec.updateStrategy.rollingUpdate.maxSurge: maxSurge may not be set when maxUnavailable is non-zero", error.Message, StringComparison.Ordinal);
        Assert.Contains("[daemonset-surge-and-unavailable]", error.Message, StringComparison.Ordinal);
        Assert.Contains("[rollout-surge-with-host-port]", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(engine.Registered, args => args.Type != "pulumi:pulumi:Stack");
    }

    [Fact]
    public async Task A_component_whose_objects_break_an_API_rule_fails_with_the_validator_finding()
    {
        var engine = new MockEngine();
        var spec = LoggingAgentPreset.Build() with { MinReadySeconds = -5 };
        var error = await Assert.ThrowsAsync<RunException>(() => engine.RunAsync(() =>
        {
            _ = new NodeAgent("logs", new NodeAgentArgs { Spec = spec });
            return new Dictionary<string, object?>();
        }));

        Assert.StartsWith("nodeagents:index:NodeAgent 'logs': 1 problem in agent 'fluent-bit'; nothing was registered:", error.Message, StringComparison.Ordinal);
        Assert.Contains("error DaemonSet node-agents/fluent-bit spec.minReadySeconds:", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(engine.Registered, args => args.Type != "pulumi:pulumi:Stack");
    }

    [Fact]
    public async Task A_typed_component_with_options_that_would_inject_config_text_fails_before_registering()
    {
        var engine = new MockEngine();
        var options = new LoggingAgentOptions { Output = new LogOutput { Host = "evil\n[OUTPUT]", Port = 0 } };
        var error = await Assert.ThrowsAsync<RunException>(() => engine.RunAsync(() =>
        {
            _ = new LoggingAgent("logs", new LoggingAgentArgs { Options = options });
            return new Dictionary<string, object?>();
        }));

        Assert.StartsWith("nodeagents:index:LoggingAgent 'logs': 2 problems in the options; nothing was registered:", error.Message, StringComparison.Ordinal);
        Assert.Contains("output.port: 0 is not a port number (1 to 65535)", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(engine.Registered, args => args.Type != "pulumi:pulumi:Stack");
    }
}
