using NodeAgents.Input;
using NodeAgents.Placement;

namespace NodeAgents.Components.Tests.Placement;

public sealed class DuplicateKeyTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("duplicate-keys-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private IReadOnlyList<string> Problems(string name, string text)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, text);
        return Assert.Throws<InputException>(() => NodeInventory.Read(path)).Problems
            .Select(problem => $"{problem.Line}:{problem.Column} {problem.Path}: {problem.Message[..problem.Message.IndexOf(';')]}").ToList();
    }

    [Fact]
    public void A_key_repeated_in_a_json_object_is_reported_at_the_repeated_key_with_its_path()
    {
        var problems = Problems("nodes.json", """
            {"kind":"List","items":[
             {"kind":"Node","metadata":{"name":"a","labels":{"x":"1","y":"2","x":"3"}}},
             {"kind":"Node","metadata":{"name":"b"},"status":{"conditions":[{"type":"A"},{"type":"B","type":"C"}]}}]}
            """);

        Assert.Equal(["2:67 items[0].metadata.labels.x: duplicate key 'x'", "3:91 items[1].status.conditions[1].type: duplicate key 'type'"], problems);
    }

    [Fact]
    public void Escaped_names_and_objects_with_many_keys_are_compared_by_their_text()
    {
        var labels = string.Join(",", Enumerable.Range(0, 40).Select(index => $"\"k{index}\":\"v\""));
        var problems = Problems("nodes.json", """{"kind":"List","items":[{"kind":"Node","metadata":{"name":"a","n\u0061me":"b","labels":{""" + labels + ""","k7":"again"}}}]}""");

        Assert.Equal(2, problems.Count);
        Assert.EndsWith(" items[0].metadata.name: duplicate key 'name'", problems[0]);
        Assert.EndsWith(" items[0].metadata.labels.k7: duplicate key 'k7'", problems[1]);
    }

    [Fact]
    public void A_key_repeated_in_a_yaml_inventory_points_at_the_yaml_key()
    {
        var problems = Problems("nodes.yaml", "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Node\n  metadata:\n    name: a\n    name: b\n");

        Assert.Equal(["8:5 items[0].metadata.name: duplicate key 'name'"], problems);
    }

    [Fact]
    public void The_same_key_in_sibling_objects_is_not_a_duplicate()
    {
        var path = Path.Combine(folder, "nodes.json");
        File.WriteAllText(path, """{"kind":"List","items":[{"kind":"Node","metadata":{"name":"a"},"spec":{"taints":[{"key":"k","effect":"NoSchedule"},{"key":"k","effect":"NoExecute"}]}},{"kind":"Node","metadata":{"name":"b"}}]}""");

        Assert.Equal(["a", "b"], NodeInventory.Read(path).Select(node => node.Metadata.Name));
    }
}
