using System.Text.Json.Serialization.Metadata;
using NodeAgents.Input;
using NodeAgents.Model;
using NodeAgents.Presets;
using NodeAgents.Stacks.Binding;
using YamlDotNet.RepresentationModel;

namespace NodeAgents.Cli.Tests.Stacks;

public class BindingMetadataTests
{
    /// <summary>
    /// The binder creates objects, lists and dictionaries from explicit factories (no reflection, for Native AOT); every
    /// type reachable from the option types must have one, or a stack file that sets it would crash with exit 3.
    /// </summary>
    [Fact]
    public void Every_type_reachable_from_the_option_types_can_be_created()
    {
        var seen = new HashSet<Type>();
        var pending = new Queue<Type>(BindingMetadata.Roots);
        var created = new List<string>();
        while (pending.TryDequeue(out var type))
        {
            var target = Nullable.GetUnderlyingType(type) ?? type;
            if (!seen.Add(target) || StrictBinder.IsScalar(target) || target == typeof(ImageReference))
            {
                continue;
            }

            var info = BindingMetadata.Of(target);
            switch (info.Kind)
            {
                case JsonTypeInfoKind.Object:
                    var instance = BindingMetadata.Create(info);
                    Assert.IsType(target, instance);
                    foreach (var property in BindingMetadata.Properties(info).Values)
                    {
                        // Every key can be set (init-only records through their explicit setters) and reads back.
                        var sample = Sample(property.PropertyType);
                        instance = BindingMetadata.Set(info, property, instance, sample);
                        Assert.Equal(sample, property.Get!(instance));
                        pending.Enqueue(property.PropertyType);
                    }

                    break;
                case JsonTypeInfoKind.Enumerable:
                    Assert.IsAssignableFrom(target, BindingMetadata.CreateList(info.ElementType!));
                    pending.Enqueue(info.ElementType!);
                    break;
                case JsonTypeInfoKind.Dictionary:
                    Assert.Equal(typeof(string), info.KeyType);
                    Assert.IsAssignableFrom(target, BindingMetadata.CreateDictionary(info.ElementType!));
                    pending.Enqueue(info.ElementType!);
                    break;
                default:
                    // A value the binder cannot read from YAML (DateTime inside V1ObjectMeta of an ephemeral volume's
                    // template): it must end in a problem at its position, never in an internal error.
                    var problems = new List<InputProblem>();
                    var binder = new StrictBinder("t.yaml", problems);
                    Assert.Null(binder.Bind(target, new YamlScalarNode("2026-01-01"), "x"));
                    Assert.Equal("x: this field cannot be set in stack config", Assert.Single(problems).ToString()["t.yaml:1:1: ".Length..]);
                    break;
            }

            created.Add(target.Name);
        }

        Assert.Contains("V1NodeSelectorRequirement", created);
        Assert.Contains("V1EnvVarSource", created);
        Assert.Contains("AgentTaxBudget", created);
    }

    private static object Sample(Type type)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (target == typeof(string)) return "sample";
        if (target == typeof(bool)) return true;
        if (target == typeof(int)) return 7;
        if (target == typeof(long)) return 7L;
        if (target == typeof(double)) return 0.5;
        if (target.IsEnum) return Enum.ToObject(target, 1);
        if (target == typeof(k8s.Models.IntOrString)) return (k8s.Models.IntOrString)"10%";
        if (target == typeof(k8s.Models.ResourceQuantity)) return new k8s.Models.ResourceQuantity("1");
        if (target == typeof(ImageReference)) return new ImageReference("example.org/agent", "1.0");
        var info = BindingMetadata.Of(target);
        return info.Kind switch
        {
            JsonTypeInfoKind.Enumerable => BindingMetadata.CreateList(info.ElementType!),
            JsonTypeInfoKind.Dictionary => BindingMetadata.CreateDictionary(info.ElementType!),
            _ => BindingMetadata.Create(info),
        };
    }

    [Fact]
    public void Nested_Kubernetes_lists_dictionaries_and_init_only_records_bind_without_reflection()
    {
        var yaml = """
            logLevel: debug
            output: { type: loki, port: 3101 }
            resources: { requests: { cpu: 50m, memory: 64Mi } }
            env: [{ name: A, valueFrom: { fieldRef: { fieldPath: spec.nodeName } } }]
            labels: { team: obs, app: x }
            nodeAffinity:
              requiredDuringSchedulingIgnoredDuringExecution:
                nodeSelectorTerms: [{ matchExpressions: [{ key: kubernetes.io/os, operator: In, values: [linux] }] }]
            terminationGracePeriodSeconds: 30
            """;
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var problems = new List<InputProblem>();

        var options = new StrictBinder("Pulumi.qa.yaml", problems).Bind<LoggingAgentOptions>(stream.Documents[0].RootNode, "node-agents:logging");

        Assert.Empty(problems);
        Assert.NotNull(options);
        Assert.Equal("debug", options.LogLevel);
        Assert.Equal(("loki", 3101, "none"), (options.Output.Type, options.Output.Port, options.Output.SharedKey));
        Assert.Equal(50, options.Resources!.Requests["cpu"].ToDecimal() * 1000);
        Assert.Equal("spec.nodeName", options.Env!.Single().ValueFrom.FieldRef.FieldPath);
        Assert.Equal(["app", "team"], options.Labels!.Keys);
        Assert.Equal(["linux"], options.NodeAffinity!.RequiredDuringSchedulingIgnoredDuringExecution.NodeSelectorTerms.Single().MatchExpressions.Single().Values);
        Assert.Equal(30, options.TerminationGracePeriodSeconds);
    }

    [Fact]
    public void A_quoted_boolean_is_named_a_string_with_the_fix()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader("privileged: 'true'\nlogLevel: info\n"));
        var problems = new List<InputProblem>();

        var options = new StrictBinder("Pulumi.qa.yaml", problems).Bind<SecurityAgentOptions>(stream.Documents[0].RootNode, "node-agents:security");

        var problem = Assert.Single(problems);
        Assert.Equal("Pulumi.qa.yaml:1:13: node-agents:security.privileged: expected true or false (got the string 'true'; remove the quotes), got 'true'", problem.ToString());
        Assert.False(options!.Privileged);
    }
}
