using System.Text.Json;
using NodeAgents.Input;
using NodeAgents.Stacks.Binding;
using NodeAgents.Stacks.Config;
using YamlDotNet.RepresentationModel;

namespace NodeAgents.Cli.Tests.Stacks;

/// <summary>
/// The stack files read as the Pulumi CLI reads them before it hands config to the program: gopkg.in/yaml.v3 v3.0.1
/// resolve.go (scalar typing), encode.go (floats written with FormatFloat 'g'), decode.go (aliases, merge keys),
/// pulumi/pulumi sdk/go/common/workspace/loaders.go (decode, encode, decode again) and
/// sdk/go/common/resource/config/object.go (unmarshalObject, MarshalString, MarshalJSON with Go's encoding/json).
/// </summary>
public class PulumiTypingTests
{
    /// <summary>YAML plain scalar → how the CLI types it → the text the program receives.</summary>
    public static TheoryData<string, PulumiScalarKind, string?> Table() => new()
    {
        { "3.10", PulumiScalarKind.Float, "3.1" },
        { "0.10", PulumiScalarKind.Float, "0.1" },
        { "0.5", PulumiScalarKind.Float, "0.5" },
        { ".5", PulumiScalarKind.Float, "0.5" },
        { "1.0", PulumiScalarKind.Integer, "1" },           // written back as "1", read again as an integer
        { "1e3", PulumiScalarKind.Integer, "1000" },
        { "1e6", PulumiScalarKind.Float, "1000000" },       // written back as "1e+06", a float; JSON writes it in full
        { "1234567.0", PulumiScalarKind.Float, "1234567" },
        { "1e-7", PulumiScalarKind.Float, "1e-7" },
        { "1e21", PulumiScalarKind.Float, "1e+21" },
        { "99999999999999999999", PulumiScalarKind.Float, "100000000000000000000" },
        { "18446744073709551615", PulumiScalarKind.Integer, "18446744073709551615" },
        { "1_000", PulumiScalarKind.Integer, "1000" },
        { "0x1F", PulumiScalarKind.Integer, "31" },
        { "0o17", PulumiScalarKind.Integer, "15" },
        { "017", PulumiScalarKind.Integer, "15" },
        { "08", PulumiScalarKind.Integer, "8" },           // not octal, so a float 8, written back as "8"
        { "0b101", PulumiScalarKind.Integer, "5" },
        { "+5", PulumiScalarKind.Integer, "5" },
        { "-0", PulumiScalarKind.Integer, "0" },
        { "-0.0", PulumiScalarKind.Integer, "0" },
        { "42", PulumiScalarKind.Integer, "42" },
        { "True", PulumiScalarKind.Boolean, "true" },
        { "FALSE", PulumiScalarKind.Boolean, "false" },
        { "true", PulumiScalarKind.Boolean, "true" },
        { "~", PulumiScalarKind.Null, "null" },
        { "Null", PulumiScalarKind.Null, "null" },
        { ".inf", PulumiScalarKind.Float, null },
        { "-.Inf", PulumiScalarKind.Float, null },
        { ".nan", PulumiScalarKind.Float, null },
        { "2001-12-14", PulumiScalarKind.Timestamp, null },
        { "2001-12-14T21:59:43.10Z", PulumiScalarKind.Timestamp, null },
        { "yes", PulumiScalarKind.String, "yes" },         // YAML 1.1 booleans are strings to yaml.v3
        { "on", PulumiScalarKind.String, "on" },
        { "1.2.3", PulumiScalarKind.String, "1.2.3" },
        { "v1.2", PulumiScalarKind.String, "v1.2" },
        { "10%", PulumiScalarKind.String, "10%" },
        { "100m", PulumiScalarKind.String, "100m" },
        { "1e400", PulumiScalarKind.String, "1e400" },     // ParseFloat fails (out of range): a string
        { "2001-13-14", PulumiScalarKind.String, "2001-13-14" },
        { "+inf", PulumiScalarKind.String, "+inf" },
    };

    private static YamlScalarNode Plain(string text) => (YamlScalarNode)((YamlMappingNode)Load($"v: {text}\n")).Children[new YamlScalarNode("v")];

    private static YamlNode Load(string yaml)
    {
        var problems = new List<InputProblem>();
        var root = YamlInput.Parse(yaml, "t.yaml", problems);
        Assert.Empty(problems);
        return root!;
    }

    [Theory]
    [MemberData(nameof(Table))]
    public void A_plain_scalar_reaches_the_program_as_the_CLI_types_it(string yaml, PulumiScalarKind kind, string? text)
    {
        var read = PulumiTyping.Read(Plain(yaml));

        Assert.Equal(kind, read.Kind);
        Assert.Equal(text, read.Text);
        Assert.Equal(kind == PulumiScalarKind.Float && text is null, read.Unrepresentable);
    }

    [Theory]
    [MemberData(nameof(Table))]
    public void Quoted_it_is_always_the_string_as_written(string yaml, PulumiScalarKind kind, string? text)
    {
        _ = (kind, text);
        var read = PulumiTyping.Read(Plain("\"" + yaml + "\""));

        Assert.Equal((PulumiScalarKind.String, yaml), (read.Kind, read.Text));
        Assert.Equal(PulumiScalarKind.String, PulumiTyping.Read(Plain("!!str " + yaml)).Kind);
    }

    /// <summary>
    /// Both paths on one string field (a label value): the offline render reads the stack file; the program reads the
    /// JSON the CLI hands over. Where the CLI keeps the text, both bind it; where it changes it, render refuses with the
    /// quote-it problem (so nothing differs silently), and a quoted value binds the same in both.
    /// </summary>
    [Theory]
    [MemberData(nameof(Table))]
    public void Render_and_the_program_bind_the_same_string_or_render_asks_for_quotes(string yaml, PulumiScalarKind kind, string? text)
    {
        using var project = new TempProject(copyStacks: false);
        project.Write("Pulumi.qa.yaml", $"config:\n  node-agents:monitoring:\n    labels:\n      team: {yaml}\n");
        var programJson = kind == PulumiScalarKind.String ? JsonSerializer.Serialize(yaml) : text ?? "null";
        var fromPulumi = StackInput.FromPulumiConfig("node-agents", "qa", new Dictionary<string, string> { ["node-agents:monitoring"] = $"{{\"labels\":{{\"team\":{programJson}}}}}" }, []);

        string? Team(StackInput input) => StackBinder.Bind(input).Agents.Single().ExtraLabels.GetValueOrDefault("team");
        if (kind == PulumiScalarKind.Null)
        {
            return; // a missing value, reported by both as such
        }

        if (kind == PulumiScalarKind.String || text == yaml)
        {
            Assert.Equal(yaml, Team(StackFiles.Load(project.Path, "qa")));
            Assert.Equal(yaml, Team(fromPulumi));
            return;
        }

        var error = Assert.Throws<InputException>(() => StackBinder.Bind(StackFiles.Load(project.Path, "qa")));
        var problem = Assert.Single(error.Problems);
        Assert.Equal(("node-agents:monitoring.labels.team", 4L, 13L), (problem.Path, problem.Line, problem.Column));
        Assert.StartsWith($"the Pulumi CLI reads the unquoted {yaml} as ", problem.Message, StringComparison.Ordinal);
        Assert.EndsWith($"; quote it: \"{yaml}\"", problem.Message, StringComparison.Ordinal);

        project.Write("Pulumi.qa.yaml", $"config:\n  node-agents:monitoring:\n    labels:\n      team: \"{yaml}\"\n");
        var quoted = StackInput.FromPulumiConfig("node-agents", "qa", new Dictionary<string, string> { ["node-agents:monitoring"] = $"{{\"labels\":{{\"team\":{JsonSerializer.Serialize(yaml)}}}}}" }, []);
        Assert.Equal(yaml, Team(StackFiles.Load(project.Path, "qa")));
        Assert.Equal(yaml, Team(quoted));
    }

    [Fact]
    public void An_unquoted_version_tag_is_an_error_at_its_position_telling_to_quote_it()
    {
        using var project = new TempProject(copyStacks: false);
        project.Write("Pulumi.qa.yaml", "config:\n  node-agents:logging:\n    image:\n      repository: fluent/fluent-bit\n      tag: 3.10\n");

        var error = Assert.Throws<InputException>(() => StackBinder.Bind(StackFiles.Load(project.Path, "qa")));

        Assert.Equal(
            new InputProblem("Pulumi.qa.yaml", "node-agents:logging.image.tag", "the Pulumi CLI reads the unquoted 3.10 as the number 3.1, so pulumi up would not get '3.10'; quote it: \"3.10\"", 5, 12),
            Assert.Single(error.Problems));
    }

    [Fact]
    public void Numbers_and_booleans_bind_the_value_the_CLI_hands_over()
    {
        using var project = new TempProject(copyStacks: false);
        project.Write("Pulumi.qa.yaml", "config:\n  node-agents:monitoring:\n    enabled: True\n    minReadySeconds: 1e1\n    resources: {requests: {cpu: 0x10}}\n");

        var monitoring = StackBinder.Bind(StackFiles.Load(project.Path, "qa")).Agents.Single();

        Assert.Equal(10, monitoring.MinReadySeconds);
        Assert.Equal("16", monitoring.Resources!.Requests["cpu"].ToString());
    }

    [Fact]
    public void A_quoted_boolean_says_to_remove_the_quotes_and_infinity_cannot_be_handed_over()
    {
        using var project = new TempProject(copyStacks: false);
        project.Write("Pulumi.qa.yaml", "config:\n  node-agents:monitoring:\n    enabled: \"true\"\n  node-agents:logging:\n    minReadySeconds: .inf\n");

        var error = Assert.Throws<InputException>(() => StackBinder.Bind(StackFiles.Load(project.Path, "qa")));

        Assert.Contains(error.Problems, problem => problem.Message == "expected true or false (got the string 'true'; remove the quotes), got 'true'" && problem.Line == 3);
        Assert.Contains(error.Problems, problem => problem.Message == "expected a finite number (the Pulumi CLI cannot hand .inf or .nan to the program), got '.inf'" && problem.Line == 5);
    }

    [Fact]
    public void An_alias_before_its_anchor_is_rejected_as_the_CLI_rejects_it()
    {
        var problems = new List<InputProblem>();
        Assert.Null(YamlInput.Parse("a: *base\nb: &base {x: 1}\n", "Pulumi.qa.yaml", problems));

        Assert.Equal(
            new InputProblem("Pulumi.qa.yaml", "", "unknown anchor 'base' referenced: the alias comes before its anchor, which the Pulumi CLI's YAML reader rejects; define &base first", 1, 4),
            Assert.Single(problems));
    }

    [Fact]
    public void Merge_keys_apply_as_yaml_v3_applies_them_and_a_bad_one_is_the_CLI_error()
    {
        var root = (YamlMappingNode)Load("base: &base {x: 1, y: 2}\nother: &other {y: 3, z: 4}\nm:\n  <<: [*base, *other]\n  x: 9\n");
        var merged = (YamlMappingNode)root.Children[new YamlScalarNode("m")];
        string Value(string key) => ((YamlScalarNode)merged.Children[new YamlScalarNode(key)]).Value!;

        Assert.Equal(("9", "2", "4"), (Value("x"), Value("y"), Value("z"))); // own key wins, then the first merged
        Assert.False(merged.Children.ContainsKey(new YamlScalarNode("<<")));

        var problems = new List<InputProblem>();
        Assert.Null(YamlInput.Parse("m:\n  <<: 5\n", "Pulumi.qa.yaml", problems));
        Assert.Equal("map merge requires map or sequence of maps as the value", Assert.Single(problems).Message);
    }

    [Fact]
    public void A_key_the_CLI_types_as_a_number_is_an_error_asking_for_quotes()
    {
        using var project = new TempProject(copyStacks: false);
        project.Write("Pulumi.qa.yaml", "config:\n  node-agents:monitoring:\n    nodeSelector:\n      1.10: \"x\"\n");

        var error = Assert.Throws<InputException>(() => StackBinder.Bind(StackFiles.Load(project.Path, "qa")));

        Assert.Contains(error.Problems, problem => problem.Message == "the Pulumi CLI reads the unquoted key 1.10 as '1.1'; quote it: \"1.10\"");
    }

    [Fact]
    public void The_program_reads_every_key_and_the_secret_keys_as_the_dotnet_SDK_does()
    {
        var environment = new Dictionary<string, string>
        {
            [PulumiProgramConfig.ConfigVariable] = """{"node-agents:config:logging":"{\"logLevel\":\"debug\"}","node-agents:loging":"{}","kubernetes:context":"dev","node-agents:forwardSharedKey":"s3cret"}""",
            [PulumiProgramConfig.SecretKeysVariable] = """["node-agents:config:forwardSharedKey"]""",
        };

        var (values, secretKeys) = PulumiProgramConfig.Read(name => environment.GetValueOrDefault(name));

        Assert.Equal(["kubernetes:context", "node-agents:forwardSharedKey", "node-agents:logging", "node-agents:loging"], values.Keys);
        Assert.Equal("{\"logLevel\":\"debug\"}", values["node-agents:logging"]);
        Assert.Equal(["node-agents:forwardSharedKey"], secretKeys);

        var error = Assert.Throws<InputException>(() => PulumiProgramConfig.Read(name => name == PulumiProgramConfig.ConfigVariable ? "[1," : null));
        Assert.StartsWith("the config the Pulumi engine handed over is not the expected JSON", Assert.Single(error.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_alias_inside_its_own_anchor_is_rejected_instead_of_looping()
    {
        var problems = new List<InputProblem>();
        Assert.Null(YamlInput.Parse("a: &m {b: *m}\n", "Pulumi.qa.yaml", problems));

        Assert.Equal(new InputProblem("Pulumi.qa.yaml", "", "anchor 'm' value contains itself, which the Pulumi CLI's YAML reader rejects", 1, 11), Assert.Single(problems));
    }

    [Fact]
    public void Only_a_mapping_of_exactly_one_string_secure_key_is_a_secret_as_the_CLI_decides()
    {
        using var project = new TempProject(copyStacks: false);
        project.Write("Pulumi.qa.yaml", "config:\n  node-agents:monitoring: {}\n  node-agents:a: {secure: AAABAC}\n  node-agents:b: {secure: x, other: y}\n  node-agents:c: {secure: {x: 1}}\n");

        var values = StackFiles.Load(project.Path, "qa").Values;

        Assert.True(values["node-agents:a"].IsSecret);
        Assert.False(values["node-agents:b"].IsSecret);
        Assert.False(values["node-agents:c"].IsSecret);
    }

    [Fact]
    public void A_quantity_the_CLI_turns_into_another_number_and_a_yes_for_a_boolean_are_explained()
    {
        using var project = new TempProject(copyStacks: false);
        project.Write("Pulumi.qa.yaml", "config:\n  node-agents:monitoring:\n    resources: {requests: {cpu: 0777, memory: 1.0}}\n  node-agents:logging:\n    enabled: yes\n");

        var error = Assert.Throws<InputException>(() => StackBinder.Bind(StackFiles.Load(project.Path, "qa")));

        Assert.Contains(error.Problems, problem => problem.Path == "node-agents:monitoring.resources.requests.cpu"
            && problem.Message == "the Pulumi CLI reads the unquoted 0777 as the number 511, which is another quantity; quote it: \"0777\"");
        Assert.DoesNotContain(error.Problems, problem => problem.Path.EndsWith(".memory", StringComparison.Ordinal)); // 1.0 → 1, the same quantity
        Assert.Contains(error.Problems, problem => problem.Path == "node-agents:logging.enabled"
            && problem.Message == "expected true or false (the Pulumi CLI reads yes, no, on and off as strings; write true or false), got 'yes'");
    }
}
