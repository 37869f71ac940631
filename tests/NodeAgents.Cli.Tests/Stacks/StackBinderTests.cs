using NodeAgents.Input;
using k8s;
using NodeAgents.Building;
using NodeAgents.Model;
using NodeAgents.Rendering;
using NodeAgents.Stacks.Binding;
using NodeAgents.Stacks.Config;

namespace NodeAgents.Cli.Tests.Stacks;

public class StackBinderTests
{
    [Fact]
    public void Project_defaults_from_Pulumi_yaml_apply_when_the_stack_does_not_set_them()
    {
        using var project = new TempProject(copyStacks: false);
        project.Write("Pulumi.qa.yaml", "config:\n  node-agents:monitoring: {}\n");

        var bound = StackBinder.Bind(StackFiles.Load(project.Path, "qa"));

        Assert.Equal("node-agents", bound.Agents.Single().Namespace);
        Assert.Equal(AgentRole.Monitoring, bound.Agents.Single().Role);
        Assert.Equal("node-agents", bound.PartOf);
    }

    [Fact]
    public void An_agents_own_namespace_wins_over_the_stack_namespace()
    {
        using var project = new TempProject(copyStacks: false);
        project.Write("Pulumi.qa.yaml", "config:\n  node-agents:namespace: agents\n  node-agents:monitoring:\n    namespace: metrics\n  node-agents:logging: {}\n");

        var bound = StackBinder.Bind(StackFiles.Load(project.Path, "qa"));

        Assert.Equal(["agents", "metrics"], bound.Agents.Select(a => a.Namespace).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_stack_namespace_does_not_move_the_network_agent_out_of_kube_system()
    {
        using var project = new TempProject(copyStacks: false);
        project.Write("Pulumi.qa.yaml", "config:\n  node-agents:namespace: agents\n  node-agents:network: {}\n  node-agents:logging: {}\n");

        var bound = StackBinder.Bind(StackFiles.Load(project.Path, "qa"));

        Assert.Equal("kube-system", bound.Agents.Single(a => a.Role == AgentRole.Network).Namespace);
        Assert.Equal("agents", bound.Agents.Single(a => a.Role == AgentRole.Logging).Namespace);
        var manifests = ManifestSet.Build(bound.Agents, bound.PartOf);
        Assert.Equal(["agents"], manifests.Namespaces.Select(ns => ns.Metadata.Name));
        Assert.Equal("kube-system", manifests.Agents.Single(a => a.Spec.Role == AgentRole.Network).Objects.Services.Single().Metadata.NamespaceProperty);
    }

    [Fact]
    public void The_network_agents_own_namespace_moves_it_and_its_Service()
    {
        using var project = new TempProject(copyStacks: false);
        project.Write("Pulumi.qa.yaml", "config:\n  node-agents:namespace: agents\n  node-agents:network:\n    namespace: dns\n");

        var network = StackBinder.Bind(StackFiles.Load(project.Path, "qa")).Agents.Single();

        Assert.Equal("dns", network.Namespace);
        var manifests = ManifestSet.Build([network]);
        Assert.Equal(["dns"], manifests.Namespaces.Select(ns => ns.Metadata.Name));
        Assert.Equal("dns", manifests.Agents[0].Objects.Services.Single().Metadata.NamespaceProperty);
    }

    [Fact]
    public void Problems_point_at_the_offending_nested_value()
    {
        using var project = new TempProject(copyStacks: false);
        project.Write("Pulumi.qa.yaml", "config:\n  node-agents:security:\n    mode: block\n");

        var error = Assert.Throws<InputException>(() => StackBinder.Bind(StackFiles.Load(project.Path, "qa")));

        var problem = Assert.Single(error.Problems);
        Assert.Equal(new InputProblem("Pulumi.qa.yaml", "node-agents:security.mode", "'block' is not one of alert, audit", 3, 11), problem);
    }

    [Fact]
    public void Unnamespaced_stack_keys_belong_to_the_project_as_the_Pulumi_CLI_reads_them()
    {
        // pulumi/pulumi sdk/go/common/workspace/loaders.go, stackConfigNamespacedWithProject.
        using var project = new TempProject(copyStacks: false);
        project.Write("Pulumi.qa.yaml", "config:\n  logging: {}\n");

        Assert.Equal("fluent-bit", StackBinder.Bind(StackFiles.Load(project.Path, "qa")).Agents.Single().Name);

        project.Write("Pulumi.qa.yaml", "config:\n  logging: {}\n  node-agents:logging: {}\n");
        var error = Assert.Throws<InputException>(() => StackBinder.Bind(StackFiles.Load(project.Path, "qa")));
        Assert.Contains(error.Problems, problem => problem.Message == "set twice in this file (once as 'node-agents:logging'); the Pulumi CLI would keep either one" && problem.Line == 3);
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void Config_handed_over_by_Pulumi_binds_to_the_same_objects_as_the_stack_file(string stack)
    {
        // Pulumi hands a program each value as a string: plain text, or JSON for structured values.
        var fromFiles = StackFiles.Load(RepoPaths.Root, stack);
        var raw = fromFiles.Values.Where(pair => !pair.Value.IsSecret).ToDictionary(
            pair => pair.Key,
            pair => pair.Value.Node is YamlDotNet.RepresentationModel.YamlScalarNode scalar ? scalar.Value! : ToJson(pair.Value.Node));
        var fromPulumi = StackInput.FromPulumiConfig("node-agents", stack, raw, []);

        var expected = ManifestRenderer.ToYamlStream(ManifestSet.Build(StackBinder.Bind(fromFiles).Agents).Objects);
        var actual = ManifestRenderer.ToYamlStream(ManifestSet.Build(StackBinder.Bind(fromPulumi).Agents).Objects);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Secret_keys_from_Pulumi_are_never_read()
    {
        var input = StackInput.FromPulumiConfig(
            "node-agents",
            "qa",
            new Dictionary<string, string> { ["node-agents:forwardSharedKey"] = "plain-text-secret", ["node-agents:logging"] = """{"output":{"sharedKey":"config"}}""" },
            ["node-agents:forwardSharedKey"]);

        var spec = StackBinder.Bind(input).Agents.Single();

        Assert.Equal("forwardSharedKey", spec.SecretEnv.Single().Source.ConfigKey);
        Assert.DoesNotContain("plain-text-secret", ManifestRenderer.ToYamlStream(NodeAgentBuilder.Build(spec).All));
    }

    private static string ToJson(YamlDotNet.RepresentationModel.YamlNode node)
    {
        // Pulumi stores structured config as JSON; round-trip the YAML value through a JSON serializer the same way.
        var yaml = new YamlDotNet.Serialization.SerializerBuilder().Build();
        var value = new YamlDotNet.Serialization.DeserializerBuilder().WithAttemptingUnquotedStringTypeDeserialization().Build()
            .Deserialize<object>(yaml.Serialize(node));
        return System.Text.Json.JsonSerializer.Serialize(value);
    }
}
