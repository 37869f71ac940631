using NodeAgents.Input;
using NodeAgents.Placement;

namespace NodeAgents.Components.Tests.Placement;

public sealed class NodeInventoryTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("inventory-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static IReadOnlyList<InputProblem> Problems(string path) => Assert.Throws<InputException>(() => NodeInventory.Read(path)).Problems;

    [Fact]
    public void Reads_a_real_kubectl_list()
    {
        var nodes = NodeInventory.Read(Path.Combine(RepoPaths.SharedData, "nodes", "openshift-aws-6node.json"));
        Assert.Equal(6, nodes.Count);
        Assert.Equal("ocp-aws-master-0", nodes[0].Metadata.Name);
        Assert.Equal("3500m", nodes[0].Status.Allocatable["cpu"].ToString());
    }

    [Fact]
    public void Reads_a_folder_of_json_and_yaml_single_nodes_in_name_order()
    {
        Write("b.yaml", "apiVersion: v1\nkind: Node\nmetadata:\n  name: from-yaml\n  labels:\n    kubernetes.io/os: linux\n");
        Write("a.json", """{"apiVersion":"v1","kind":"List","items":[{"apiVersion":"v1","kind":"Node","metadata":{"name":"from-json"}}]}""");
        Write("notes.txt", "ignored");
        var nodes = NodeInventory.Read(folder);
        Assert.Equal(["from-json", "from-yaml"], nodes.Select(node => node.Metadata.Name));
        Assert.Equal("linux", nodes[1].Metadata.Labels["kubernetes.io/os"]);
    }

    [Fact]
    public void A_json_syntax_error_names_file_line_and_column()
    {
        var path = Write("broken.json", "{\n  \"kind\": \"List\",\n  \"items\": [ { \"metadata\": { \"name\": \"a\" } ]\n}");
        var problem = Assert.Single(Problems(path));
        Assert.Equal(path, problem.File);
        Assert.Equal((3L, 44L), (problem.Line, problem.Column));
        Assert.Equal("not valid JSON: ']' is invalid without a matching open.", problem.Message);
    }

    [Fact]
    public void Every_problem_of_every_file_is_reported_at_once()
    {
        Write("a.json", """{"kind":"Deployment"}""");
        Write("b.json", """{"kind":"List","items":[{"kind":"Pod","metadata":{"name":"p"}},{"kind":"Node","metadata":{}},{"kind":"Node","metadata":{"name":"x"}}]}""");
        Write("c.yaml", "kind: Node\nmetadata:\n  name: x\n");
        Write("d.yaml", "kind: [unclosed\n");
        var problems = Problems(folder).Select(problem => problem.ToString()).ToList();
        Assert.Equal(5, problems.Count);
        Assert.EndsWith("a.json: kind: 'Deployment' is not one of List, NodeList, Node", problems[0]);
        Assert.EndsWith("b.json:1:25: items[0].kind: expected a Node, got kind 'Pod'", problems[1]);
        Assert.EndsWith("b.json: items[1].metadata.name: a Node needs a name", problems[2]);
        Assert.Contains("c.yaml: metadata.name: node 'x' appears twice (first in ", problems[3]);
        Assert.Contains("d.yaml:", problems[4]);
    }

    [Fact]
    public void A_missing_path_and_an_empty_file_are_problems_not_crashes()
    {
        Assert.Equal("no such file or folder", Assert.Single(Problems(Path.Combine(folder, "nope.json"))).Message);
        Assert.Equal("the file is empty", Assert.Single(Problems(Write("empty.json", "  \n"))).Message);
    }

    [Fact]
    public void A_truncated_file_and_a_root_array_are_problems_with_positions()
    {
        var truncated = Assert.Single(Problems(Write("cut.json", "{\"kind\":\"List\",\"items\":[{\"metadata\":{\"name\":\"a\"}}")));
        Assert.Equal(1, truncated.Line);
        Assert.StartsWith("not valid JSON:", truncated.Message);
        Assert.Equal("not valid JSON: expected a JSON object (a List or a Node), got StartArray", Assert.Single(Problems(Write("array.json", "[]"))).Message);
    }

    [Fact]
    public void Items_larger_than_the_read_buffer_are_read_whole()
    {
        var labels = string.Join(",", Enumerable.Range(0, 12000).Select(i => $"\"label-{i}\":\"value-{i}\""));
        var items = string.Join(",\n", Enumerable.Range(0, 3).Select(i => $"{{\"kind\":\"Node\",\"metadata\":{{\"name\":\"n{i}\",\"labels\":{{{labels}}}}}}}"));
        var nodes = NodeInventory.Read(Write("big.json", $"{{\"apiVersion\":\"v1\",\n\"items\":[\n{items}\n],\"kind\":\"List\"}}"));
        Assert.Equal(["n0", "n1", "n2"], nodes.Select(node => node.Metadata.Name));
        Assert.Equal("value-11999", nodes[2].Metadata.Labels["label-11999"]);
    }

    [Fact]
    public void A_bad_quantity_is_a_problem()
    {
        var path = Write("q.json", "{\"kind\":\"List\",\"items\":[\n  {\"kind\":\"Node\",\"metadata\":{\"name\":\"a\"},\"status\":{\"allocatable\":{\"cpu\":\"lots\"}}}]}");
        var problem = Assert.Single(Problems(path));
        Assert.Equal("items[0].status.allocatable.cpu", problem.Path);
        Assert.Equal(2, problem.Line);
        Assert.Equal("'lots' is not a Kubernetes quantity", problem.Message);
    }

    [Fact]
    public void Every_bad_value_of_a_node_is_reported_at_the_value_itself()
    {
        var path = Write("many.json", "{\"kind\":\"List\",\"items\":[\n{\"kind\":\"Node\",\"metadata\":{\"name\":\"a\"},\n \"spec\":{\"taints\":[{\"key\":\"k\",\"effect\":\"Bogus\"}]},\n \"status\":{\"allocatable\":{\"cpu\":\"1E\",\"memory\":\"-1Gi\",\"pods\":\"99999999999999999999999\"},\n  \"capacity\":{\"cpu\":\"zz\",\"memory\":\"100Ei\",\"pods\":\"1.5\"}}}]}");
        var problems = Problems(path);
        Assert.Equal(
            [
                ("items[0].spec.taints[0].effect", "'Bogus' is not one of NoSchedule, PreferNoSchedule, NoExecute", 3L),
                ("items[0].status.allocatable.cpu", "'1E' is too large: cpu in millicores must be below 2^63 - 1", 4L),
                ("items[0].status.allocatable.memory", "'-1Gi' must be greater than or equal to 0", 4L),
                ("items[0].status.allocatable.pods", "'99999999999999999999999' is too large: pods must be below 2^63 - 1", 4L),
                ("items[0].status.capacity.cpu", "'zz' is not a Kubernetes quantity", 5L),
                ("items[0].status.capacity.memory", "'100Ei' is too large: memory must be below 8Ei (2^63 - 1 bytes) (KubernetesClient reads 8Ei and more as 2^63 - 1)", 5L),
                ("items[0].status.capacity.pods", "'1.5' must be an integer", 5L),
            ],
            problems.Select(problem => (problem.Path, problem.Message, problem.Line)));
        Assert.Equal(33, problems[1].Column);
    }

    [Fact]
    public void A_quantity_of_the_wrong_json_type_is_a_problem()
    {
        var path = Write("t.json", "{\"kind\":\"List\",\"items\":[{\"kind\":\"Node\",\"metadata\":{\"name\":\"a\"},\"status\":{\"allocatable\":{\"memory\":{\"x\":1}}}}]}");
        var problem = Assert.Single(Problems(path));
        Assert.Equal(("items[0].status.allocatable.memory", "expected a quantity string such as \"4\" or \"16Gi\", got an object"), (problem.Path, problem.Message));
    }

    [Fact]
    public void A_single_node_document_gets_the_same_value_checks()
    {
        var path = Write("one.json", "{\"kind\":\"Node\",\"metadata\":{\"name\":\"a\"},\"status\":{\"allocatable\":{\"memory\":\"9.3E\"}}}");
        var problem = Assert.Single(Problems(path));
        Assert.Equal(("status.allocatable.memory", "'9300P' is too large: memory must be below 8Ei (2^63 - 1 bytes)"), (problem.Path, problem.Message));
    }

    [Fact]
    public void A_yaml_inventory_of_20000_nodes_is_read_whole()
    {
        var text = new System.Text.StringBuilder("apiVersion: v1\nkind: List\nitems:\n");
        for (var index = 0; index < 20_000; index++)
        {
            text.Append($"- apiVersion: v1\n  kind: Node\n  metadata:\n    name: node-{index}\n    labels:\n      kubernetes.io/os: linux\n      zone: \"z{index % 3}\"\n")
                .Append($"  spec:\n    unschedulable: false\n    taints:\n    - key: dedicated\n      value: infra\n      effect: NoSchedule\n")
                .Append($"  status:\n    allocatable:\n      cpu: {1 + (index % 4)}\n      memory: 16Gi\n      pods: 110\n");
        }

        var nodes = NodeInventory.Read(Write("big.yaml", text.ToString()));
        Assert.Equal(20_000, nodes.Count);
        var last = nodes[^1];
        Assert.Equal(("node-19999", "z1", "4", "110", false), (last.Metadata.Name, last.Metadata.Labels["zone"], last.Status.Allocatable["cpu"].ToString(), last.Status.Allocatable["pods"].ToString(), last.Spec.Unschedulable));
        Assert.Equal("NoSchedule", last.Spec.Taints.Single().Effect);
    }

    [Fact]
    public void A_yaml_problem_points_at_the_yaml_line_and_column()
    {
        var path = Write("bad.yaml", "kind: List\nitems:\n- kind: Node\n  metadata:\n    name: a\n  status:\n    allocatable:\n      memory: -1Gi\n      cpu: 100Ei\n");
        var problems = Problems(path);
        Assert.Equal(
            [
                ("items[0].status.allocatable.memory", "'-1Gi' must be greater than or equal to 0", 8L, 15L),
                ("items[0].status.allocatable.cpu", "'100Ei' is too large: cpu in millicores must be below 2^63 - 1 (KubernetesClient reads 8Ei and more as 2^63 - 1)", 9L, 12L),
            ],
            problems.Select(problem => (problem.Path, problem.Message, problem.Line, problem.Column)));
    }

    [Fact]
    public void A_yaml_alias_or_a_second_document_is_a_problem()
    {
        var alias = Assert.Single(Problems(Write("alias.yaml", "kind: Node\nmetadata: {name: &a x}\nstatus: {allocatable: {cpu: *a}}\n")));
        Assert.Equal(("YAML aliases (*name) are not supported in a node inventory", 3L, 29L), (alias.Message, alias.Line, alias.Column));
        var two = Assert.Single(Problems(Write("two.yaml", "kind: Node\nmetadata: {name: x}\n---\nkind: Node\nmetadata: {name: y}\n")));
        Assert.StartsWith("holds more than one YAML document", two.Message);
    }

    [Fact]
    public void A_field_of_the_wrong_type_names_the_field_and_the_expected_shape()
    {
        var path = Write("types.json", "{\"kind\":\"List\",\"items\":[\n{\"kind\":\"Node\",\"metadata\":{\"name\":\"a\",\"labels\":\"oops\"}},\n{\"kind\":\"Node\",\"metadata\":{\"name\":\"b\"},\"spec\":{\"taints\":\"none\"}}]}");
        var problems = Problems(path);
        Assert.Equal(
            [("items[0].metadata.labels", "not valid: expected a map (key: value)", 2L), ("items[1].spec.taints", "not valid: expected a list", 3L)],
            problems.Select(problem => (problem.Path, problem.Message, problem.Line)));
        Assert.DoesNotContain(problems, problem => problem.Message.Contains("System.", StringComparison.Ordinal));
    }
}
