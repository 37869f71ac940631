using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using NodeAgents.Presets;
using NodeAgents.Pulumi.Components;
using NodeAgents.Pulumi.Secrets;
using NodeAgents.Pulumi.Tests.Support;

namespace NodeAgents.Pulumi.Tests;

/// <summary>
/// Rotating a Secret value rolls the pods: containers read it through secretKeyRef env vars, resolved only at container
/// start, so the pod template must change with it (nodeagents.io/secret-version), without the key in plain text.
/// </summary>
[Collection(PulumiCollection.Name)]
public class KeyRotationTests
{
    private static ImmutableDictionary<string, object> Dict(object value) => (ImmutableDictionary<string, object>)value;

    private static async Task<(string? Version, MockEngine Engine)> DeployWithKey(string sharedKey, string? configuredKey)
    {
        var engine = new MockEngine();
        var config = new Dictionary<string, string>();
        if (configuredKey is not null)
        {
            config["node-agents:forwardSharedKey"] = configuredKey;
        }

        await engine.RunAsync(
            () =>
            {
                _ = new LoggingAgent("logs", new LoggingAgentArgs
                {
                    Options = new LoggingAgentOptions { Output = new LogOutput { Type = "forward", Host = "aggregator.logging.svc", SharedKey = sharedKey } },
                });
                return new Dictionary<string, object?>();
            },
            config: config,
            secretKeys: configuredKey is null ? [] : ["node-agents:forwardSharedKey"]);
        var daemonSet = engine.KubernetesObjects().Single(obj => obj.Kind == "DaemonSet");
        var annotations = Dict(Dict(Dict(Dict(daemonSet.Inputs["spec"])["template"])["metadata"])["annotations"]);
        return (annotations.TryGetValue(SecretVersion.Annotation, out var version) ? (string)version : null, engine);
    }

    [Fact]
    public async Task A_new_shared_key_changes_the_pod_template_and_the_same_key_keeps_it()
    {
        var (first, engine) = await DeployWithKey("config", "key-one-chosen-by-a-person");
        var (again, _) = await DeployWithKey("config", "key-one-chosen-by-a-person");
        var (rotated, _) = await DeployWithKey("config", "key-two-chosen-by-a-person");

        var salt = Convert.FromBase64String(MockEngine.RandomBytesBase64);
        Assert.Equal(SecretVersion.Compute(salt, new Dictionary<string, string> { ["shared-key"] = "key-one-chosen-by-a-person" }), first);
        Assert.Equal(first, again);
        Assert.NotEqual(first, rotated);
        Assert.Matches("^[0-9a-f]{32}$", first!);

        // Never the key, nor its plain (unsalted) hash.
        var plainHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("key-one-chosen-by-a-person")));
        Assert.DoesNotContain(first!, plainHash, StringComparison.Ordinal);
        var salted = Assert.Single(engine.Registered, args => args.Type == "random:index/randomBytes:RandomBytes");
        Assert.Equal("logs-secret-version-salt", salted.Name);
        Assert.Equal(32.0, salted.Inputs["length"]);
    }

    [Fact]
    public async Task A_generated_key_gets_a_secret_version_and_an_agent_without_secrets_none()
    {
        var (generated, _) = await DeployWithKey("generate", null);
        var (none, engine) = await DeployWithKey("none", null);

        Assert.Equal(SecretVersion.Compute(Convert.FromBase64String(MockEngine.RandomBytesBase64), new Dictionary<string, string> { ["shared-key"] = MockEngine.RandomResult }), generated);
        Assert.Null(none);
        Assert.DoesNotContain(engine.Registered, args => args.Type == "random:index/randomBytes:RandomBytes");
    }
}
