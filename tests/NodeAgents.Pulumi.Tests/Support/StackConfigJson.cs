using System.Globalization;
using System.Text.Json.Nodes;
using NodeAgents.Stacks.Config;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace NodeAgents.Pulumi.Tests.Support;

/// <summary>
/// Turns a stack's YAML config into what the Pulumi CLI hands a program: plain values as their text, structured values as
/// JSON (plain YAML integers and booleans as JSON numbers and booleans), and the list of secret keys.
/// </summary>
public static class StackConfigJson
{
    public static (Dictionary<string, string> Config, List<string> SecretKeys) From(StackInput input)
    {
        var config = new Dictionary<string, string>(StringComparer.Ordinal);
        var secrets = new List<string>();
        foreach (var (key, value) in input.Values)
        {
            if (value.IsSecret)
            {
                config[key] = "secret-from-stack-file";
                secrets.Add(key);
            }
            else
            {
                config[key] = value.Node is YamlScalarNode scalar ? scalar.Value ?? "" : ToJson(value.Node)!.ToJsonString();
            }
        }

        return (config, secrets);
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode mapping => new JsonObject(mapping.Children.Select(pair => KeyValuePair.Create(((YamlScalarNode)pair.Key).Value!, ToJson(pair.Value)))),
        YamlSequenceNode sequence => new JsonArray(sequence.Children.Select(ToJson).ToArray()),
        YamlScalarNode { Style: ScalarStyle.Plain } scalar when long.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
        YamlScalarNode { Style: ScalarStyle.Plain, Value: "true" or "false" } scalar => JsonValue.Create(scalar.Value == "true"),
        YamlScalarNode scalar => JsonValue.Create(scalar.Value),
        _ => throw new NotSupportedException(node.GetType().Name),
    };
}
