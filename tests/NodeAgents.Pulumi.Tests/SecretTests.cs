using System.Collections.Immutable;
using System.Text.Json;
using global::Pulumi;
using NodeAgents.Building;
using NodeAgents.Presets;
using NodeAgents.Presets.Catalog;
using NodeAgents.Pulumi.Components;
using NodeAgents.Pulumi.Secrets;
using NodeAgents.Pulumi.Tests.Support;

namespace NodeAgents.Pulumi.Tests;

[Collection(PulumiCollection.Name)]
public class SecretTests
{
    private static LoggingAgentArgs Forward(string sharedKey) => new()
    {
        Options = new LoggingAgentOptions { Output = new LogOutput { Type = "forward", Host = "aggregator.logging.svc", SharedKey = sharedKey } },
    };

    private static ImmutableDictionary<string, object> Dict(object value) => (ImmutableDictionary<string, object>)value;

    [Fact]
    public async Task A_generated_shared_key_comes_from_a_random_password_into_the_secret_and_is_read_by_secretKeyRef()
    {
        var engine = new MockEngine();
        LoggingAgent? agent = null;
        var (_, outputs) = await engine.RunAsync(() =>
        {
            agent = new LoggingAgent("logs", Forward("generate"));
            return new Dictionary<string, object?> { ["daemonSet"] = agent.DaemonSetName };
        });

        var password = Assert.Single(engine.Registered, args => args.Type == "random:index/randomPassword:RandomPassword");
        Assert.Equal("logs-shared-key", password.Name);
        Assert.Equal(32.0, password.Inputs["length"]);
        Assert.Equal(false, password.Inputs["special"]);

        var objects = engine.KubernetesObjects();
        var secret = Assert.Single(objects, obj => obj.Kind == "Secret");
        Assert.Equal("fluent-bit-secrets", secret.Name);
        Assert.Equal(MockEngine.RandomResult, Dict(secret.Inputs["stringData"])["shared-key"]);
        Assert.Equal("shared-key", Dict(Dict(Dict(secret.Inputs["metadata"])["annotations"]))[NodeAgentBuilder.SuppliedAtDeployAnnotation]);

        var daemonSet = Assert.Single(objects, obj => obj.Kind == "DaemonSet");
        var container = Dict(((ImmutableArray<object>)Dict(Dict(Dict(daemonSet.Inputs["spec"])["template"])["spec"])["containers"])[0]);
        var env = ((ImmutableArray<object>)container["env"]).Select(Dict).Single(e => (string)e["name"] == LoggingAgentPreset.SharedKeyEnv);
        Assert.False(env.ContainsKey("value"));
        var keyRef = Dict(Dict(env["valueFrom"])["secretKeyRef"]);
        Assert.Equal(("fluent-bit-secrets", "shared-key"), ((string)keyRef["name"], (string)keyRef["key"]));

        // Nowhere else: not in the ConfigMap (it names the env var), not in any other object, not in any output.
        var configMap = Assert.Single(objects, obj => obj.Kind == "ConfigMap");
        Assert.Contains("${FORWARD_SHARED_KEY}", (string)Dict(configMap.Inputs["data"])["fluent-bit.conf"], StringComparison.Ordinal);
        foreach (var (kind, name, inputs) in objects.Where(obj => obj.Kind != "Secret"))
        {
            Assert.DoesNotContain(MockEngine.RandomResult, JsonSerializer.Serialize(inputs), StringComparison.Ordinal);
        }

        foreach (var request in engine.ComponentOutputs)
        {
            foreach (var output in request.Outputs.Values)
            {
                Assert.DoesNotContain(MockEngine.RandomResult, JsonSerializer.Serialize(await MockEngine.ValueOf(output)), StringComparison.Ordinal);
            }
        }

        Assert.Equal("fluent-bit", await MockEngine.ValueOf((Output<string>)outputs["daemonSet"]!));
    }

    [Fact]
    public async Task Secret_values_are_pulumi_secrets_both_generated_and_from_config()
    {
        var engine = new MockEngine();
        Output<ImmutableDictionary<string, string>>? generated = null;
        Output<ImmutableDictionary<string, string>>? fromConfig = null;
        await engine.RunAsync(
            () =>
            {
                var parent = new ComponentResource("test:index:Parent", "parent");
                generated = SecretValues.ToInputMap(SecretValues.For("gen", LoggingAgentPreset.Build(Forward("generate").Options).SecretEnv, NodeAgentArgs.NoSecretData, parent)).ToOutput();
                fromConfig = SecretValues.ToInputMap(SecretValues.For("cfg", LoggingAgentPreset.Build(Forward("config").Options).SecretEnv, NodeAgentArgs.NoSecretData, parent)).ToOutput();
                return new Dictionary<string, object?>();
            },
            config: new Dictionary<string, string> { ["node-agents:" + LoggingAgentPreset.SharedKeyConfigKey] = "key-from-config" },
            secretKeys: ["node-agents:" + LoggingAgentPreset.SharedKeyConfigKey]);

        Assert.True(await Output.IsSecretAsync(generated!));
        Assert.Equal(MockEngine.RandomResult, (await MockEngine.ValueOf(generated!))["shared-key"]);
        Assert.True(await Output.IsSecretAsync(fromConfig!));
        Assert.Equal("key-from-config", (await MockEngine.ValueOf(fromConfig!))["shared-key"]);
    }

    [Fact]
    public async Task Another_teams_project_reads_the_shared_key_from_its_own_config_namespace()
    {
        var engine = new MockEngine();
        await engine.RunAsync(
            () =>
            {
                _ = new LoggingAgent("logs", Forward("config"));
                return new Dictionary<string, object?>();
            },
            config: new Dictionary<string, string> { ["team-a:forwardSharedKey"] = "team-a-key" },
            secretKeys: ["team-a:forwardSharedKey"],
            project: "team-a");

        var secret = Assert.Single(engine.KubernetesObjects(), obj => obj.Kind == "Secret");
        Assert.Equal("team-a-key", Dict(secret.Inputs["stringData"])["shared-key"]);
    }

    [Fact]
    public async Task A_config_shared_key_is_read_from_the_secure_config_value_without_a_random_password()
    {
        var engine = new MockEngine();
        await engine.RunAsync(
            () =>
            {
                _ = new LoggingAgent("logs", Forward("config"));
                return new Dictionary<string, object?>();
            },
            config: new Dictionary<string, string> { ["node-agents:" + LoggingAgentPreset.SharedKeyConfigKey] = "key-from-config" },
            secretKeys: ["node-agents:" + LoggingAgentPreset.SharedKeyConfigKey]);

        Assert.DoesNotContain(engine.Registered, args => args.Type == "random:index/randomPassword:RandomPassword");
        var secret = Assert.Single(engine.KubernetesObjects(), obj => obj.Kind == "Secret");
        Assert.Equal("key-from-config", Dict(secret.Inputs["stringData"])["shared-key"]);
    }

    [Fact]
    public async Task Without_a_shared_key_there_is_no_secret_and_no_random_password()
    {
        var engine = new MockEngine();
        await engine.RunAsync(() =>
        {
            _ = new LoggingAgent("logs", Forward("none"));
            return new Dictionary<string, object?>();
        });

        Assert.DoesNotContain(engine.Registered, args => args.Type == "random:index/randomPassword:RandomPassword");
        Assert.DoesNotContain(engine.KubernetesObjects(), obj => obj.Kind == "Secret");
    }

    [Fact]
    public async Task A_second_agent_given_the_first_agents_secret_data_sends_that_value_and_generates_none()
    {
        var engine = new MockEngine();
        await engine.RunAsync(() =>
        {
            var first = new LoggingAgent("linux", Forward("generate"));
            _ = new NodeAgent("windows", new NodeAgentArgs
            {
                Spec = FluentBitWindowsPreset.Build(new LoggingAgentOptions { Output = new LogOutput { Type = "forward", Host = "aggregator.logging.svc", SharedKey = "generate" } }),
                SecretData = first.SecretData,
            });
            return new Dictionary<string, object?>();
        });

        var password = Assert.Single(engine.Registered, args => args.Type == "random:index/randomPassword:RandomPassword");
        Assert.Equal("linux-shared-key", password.Name);
        var secrets = engine.KubernetesObjects().Where(obj => obj.Kind == "Secret").ToList();
        Assert.Equal(2, secrets.Count);
        Assert.All(secrets, secret => Assert.Equal(MockEngine.RandomResult, Dict(secret.Inputs["stringData"])["shared-key"]));
    }

    [Fact]
    public async Task Secret_data_for_a_key_the_agent_does_not_have_fails_before_anything_is_registered()
    {
        var engine = new MockEngine();
        var error = await Assert.ThrowsAsync<RunException>(() => engine.RunAsync(() =>
        {
            _ = new LoggingAgent("logs", new LoggingAgentArgs
            {
                Options = new LoggingAgentOptions { Output = new LogOutput { Type = "forward", Host = "aggregator.logging.svc", SharedKey = "generate" } },
                SecretData = new Dictionary<string, Output<string>> { ["sharedkey"] = Output.Create("x") },
            });
            return new Dictionary<string, object?>();
        }));

        Assert.Contains("nodeagents:index:LoggingAgent 'logs': SecretData names 'sharedkey', not a key of agent 'fluent-bit''s Secret (shared-key); nothing was registered", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(engine.Registered, args => args.Type!.StartsWith("kubernetes:", StringComparison.Ordinal));
    }
}
