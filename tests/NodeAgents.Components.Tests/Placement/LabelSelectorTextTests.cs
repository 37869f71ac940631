using NodeAgents.Placement;

namespace NodeAgents.Components.Tests.Placement;

public class LabelSelectorTextTests
{
    private static string Show(string text) =>
        string.Join(" & ", LabelSelectorText.Parse(text)!.MatchExpressions.Select(e => $"{e.Key} {e.OperatorProperty} [{string.Join(",", e.Values ?? [])}]"));

    [Theory]
    [InlineData("kubernetes.io/os=linux", "kubernetes.io/os In [linux]")]
    [InlineData("kubernetes.io/os==linux", "kubernetes.io/os In [linux]")]
    [InlineData("kubernetes.io/os!=windows", "kubernetes.io/os NotIn [windows]")]
    [InlineData("zone in (a, b),gpu", "zone In [a,b] & gpu Exists []")]
    [InlineData("zone notin (a),!node-agents.io/opt-out", "zone NotIn [a] & node-agents.io/opt-out DoesNotExist []")]
    [InlineData("cores>4", "cores Gt [4]")]
    public void Parses_kubectl_selector_syntax_into_node_selector_requirements(string text, string expected) => Assert.Equal(expected, Show(text));

    [Fact]
    public void Star_selects_every_node() => Assert.Null(LabelSelectorText.Parse("*"));

    [Theory]
    [InlineData("", "'' has an empty requirement")]
    [InlineData("a=b,", "'a=b,' has an empty requirement")]
    [InlineData("os=lin ux", "'os=lin ux' is not a requirement")]
    [InlineData("cores>four", "'cores>four': > needs an integer")]
    public void Rejects_what_is_not_a_selector(string text, string start) =>
        Assert.StartsWith(start, Assert.Throws<FormatException>(() => LabelSelectorText.Parse(text)).Message);

    [Fact]
    public void Policy_check_names_the_invalid_role_and_the_bad_selector()
    {
        // Roles are open (gpu is one), but each must be a DNS-1123 label, as the component label value it is matched against.
        var policy = new CoveragePolicy { Required = new Dictionary<string, string> { ["gpu"] = "*", ["GPU_nodes"] = "*", ["security"] = "a b" }, Exclude = ["ok=1", "=x"] };
        Assert.Equal(
            ["required.GPU_nodes", "required.security", "exclude[1]"],
            policy.Check().Select(problem => problem.Path));
        Assert.Empty(CoveragePolicy.Default.Check());
    }
}
