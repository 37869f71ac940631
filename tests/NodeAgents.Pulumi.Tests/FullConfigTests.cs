using global::Pulumi;
using NodeAgents.Input;
using NodeAgents.Program;
using NodeAgents.Pulumi.Tests.Support;
using NodeAgents.Stacks.Binding;
using NodeAgents.Stacks.Config;

namespace NodeAgents.Pulumi.Tests;

/// <summary>
/// Under <c>pulumi up</c> the program binds every key of the stack's config (PULUMI_CONFIG and
/// PULUMI_CONFIG_SECRET_KEYS, as pulumi-dotnet v3.112.1 pulumi-language-dotnet/main.go hands them over and
/// sdk/Pulumi/Deployment/Deployment_Config.cs reads them), so it rejects what render rejects, with the same messages.
/// </summary>
[Collection(PulumiCollection.Name)]
public class FullConfigTests
{
    public static TheoryData<string, string?, bool, string> Cases() => new()
    {
        // key, value (null: the key is removed), secret, the problem render and the program both report
        { "node-agents:loging", "{}", false, "node-agents:loging: unknown config key; did you mean 'node-agents:logging'?" },
        { "node-agent:security", "{}", false, "node-agent:security: unknown config namespace 'node-agent'; this project's keys start with 'node-agents:'" },
        { "node-agents:forwardSharedKey", "typed-in-plain-text", false, "node-agents:forwardSharedKey: this key takes only a secure value (pulumi config set --secret)" },
        { "node-agents:namespace", "agents", true, "node-agents:namespace: this key does not take a secure value" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_bad_key_fails_pulumi_up_before_anything_is_registered_with_the_render_message(string key, string? value, bool secret, string expected)
    {
        var (config, secretKeys) = StackConfigJson.From(StackFiles.Load(RepoPaths.Root, "dev"));
        config[key] = value!;
        if (secret)
        {
            secretKeys.Add(key);
        }

        var engine = new MockEngine();
        var error = await Assert.ThrowsAsync<RunException>(() => engine.RunAsync(StackProgram.Run, "dev", config, secretKeys));

        Assert.Equal($"stack 'dev': 1 problem in the stack config; nothing was deployed:{Environment.NewLine}  Pulumi.dev.yaml: {expected}", error.Message);
        Assert.DoesNotContain(engine.Registered, args => args.Type != "pulumi:pulumi:Stack");

        // The offline binder, on the same values, reports the very same problem.
        var offline = Assert.Throws<InputException>(() => StackBinder.Bind(StackInput.FromPulumiConfig("node-agents", "dev", config, secretKeys)));
        Assert.Equal("Pulumi.dev.yaml: " + expected, (Assert.Single(offline.Problems) with { Line = 0, Column = 0 }).ToString());
    }

    [Fact]
    public async Task A_stack_with_every_agent_disabled_is_refused_unless_it_allows_it()
    {
        var engine = new MockEngine();
        var config = new Dictionary<string, string> { ["node-agents:logging"] = """{"enabled": false}""" };
        var error = await Assert.ThrowsAsync<RunException>(() => engine.RunAsync(StackProgram.Run, "dev", config));

        Assert.Equal("stack dev deploys no agent (every agent is disabled): pulumi up would delete every deployed agent. Set node-agents:allowEmpty: true in Pulumi.dev.yaml if that is meant; nothing was deployed.", error.Message);
        Assert.DoesNotContain(engine.Registered, args => args.Type != "pulumi:pulumi:Stack");

        config["node-agents:allowEmpty"] = "true";
        var (_, outputs) = await new MockEngine().RunAsync(StackProgram.Run, "dev", config);
        Assert.Empty(outputs);
    }
}
