using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using NodeAgents.Components.Tests.Validation;
using NodeAgents.Rendering;

namespace NodeAgents.Components.Tests.Rendering;

/// <summary>The reflection-free YAML writer and reader (issue 12: a Native AOT build writes what the JIT build writes).</summary>
public class YamlWriterTests
{
    [Fact]
    public void Every_object_of_the_presets_reads_back_as_the_same_json()
    {
        foreach (var obj in new ValidObjects().All)
        {
            var yaml = YamlWriter.Write(obj);
            var back = YamlReader.ToJson(yaml).Single();

            Assert.True(
                JsonNode.DeepEquals(JsonNode.Parse(KubernetesJson.Serialize(obj)), JsonNode.Parse(back)),
                $"{obj.Kind} {obj.Metadata.Name} changed through YAML:\n{yaml}");
        }
    }

    [Theory]
    [InlineData("", "\"\"")]
    [InlineData("true", "\"true\"")]
    [InlineData("yes", "\"yes\"")]
    [InlineData("Off", "\"Off\"")]
    [InlineData("~", "\"~\"")]
    [InlineData("1", "\"1\"")]
    [InlineData("+1", "\"+1\"")]
    [InlineData("1.5", "\"1.5\"")]
    [InlineData(".5", "\".5\"")]
    [InlineData("1e3", "\"1e3\"")]
    [InlineData("0x1F", "\"0x1F\"")]
    [InlineData("1_000", "\"1_000\"")]
    [InlineData("1:30", "\"1:30\"")]
    [InlineData(".inf", "\".inf\"")]
    [InlineData("2024-01-01", "\"2024-01-01\"")]
    [InlineData("3.2.10", "3.2.10")]
    [InlineData("100m", "100m")]
    [InlineData("10%", "10%")]
    [InlineData("fluent-bit", "fluent-bit")]
    public void A_string_another_yaml_type_could_swallow_is_double_quoted(string value, string written)
    {
        var map = new V1ConfigMap { Data = new Dictionary<string, string> { ["key"] = value } };

        var yaml = YamlWriter.Write(map);

        Assert.Equal($"data:\n  key: {written}\n", yaml);
        Assert.Equal(value, YamlReader.Deserialize<V1ConfigMap>(yaml).Data["key"]);
    }

    [Fact]
    public void Multi_line_strings_are_literal_blocks_and_keys_are_sorted()
    {
        var map = new V1ConfigMap { Kind = "ConfigMap", ApiVersion = "v1", Data = new Dictionary<string, string> { ["z.conf"] = "a\nb\n", ["a.conf"] = "x" } };

        Assert.Equal("apiVersion: v1\ndata:\n  a.conf: x\n  z.conf: |\n    a\n    b\nkind: ConfigMap\n", YamlWriter.Write(map));
    }

    [Fact]
    public void The_reader_types_plain_scalars_as_the_core_schema_and_binds_by_kind()
    {
        var objects = YamlReader.LoadAll("---\napiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: a\nspec:\n  minReadySeconds: 5\n  template:\n    spec:\n      hostNetwork: true\n      containers:\n      - name: c\n        resources:\n          limits:\n            cpu: 1\n---\n---\napiVersion: example.com/v1\nkind: Other\n");

        var daemonSet = Assert.IsType<V1DaemonSet>(objects[0]);
        Assert.Equal(5, daemonSet.Spec.MinReadySeconds);
        Assert.True(daemonSet.Spec.Template.Spec.HostNetwork);
        Assert.Equal("1", daemonSet.Spec.Template.Spec.Containers[0].Resources.Limits["cpu"].ToString());
        Assert.Equal("{\"apiVersion\":\"example.com/v1\",\"kind\":\"Other\"}", Assert.IsType<string>(objects[1]));
        Assert.Equal(2, objects.Count);
    }

    [Theory]
    [InlineData("a: &x 1\nb: *x\n", "anchors and aliases are not read in manifests")]
    [InlineData("? [a]\n: b\n", "mapping keys must be scalars")]
    public void Unsupported_yaml_is_a_format_error_with_its_position(string yaml, string message)
    {
        var error = Assert.Throws<FormatException>(() => YamlReader.ToJson(yaml));
        Assert.StartsWith("line 1, column ", error.Message);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Deep_nesting_is_refused_without_recursion()
    {
        var error = Assert.Throws<FormatException>(() => YamlReader.ToJson(new string('[', 20_000) + new string(']', 20_000)));
        Assert.Contains($"nested more than {YamlReader.MaxDepth} levels deep", error.Message);
    }
}
