using NodeAgents.Input;

namespace NodeAgents.Placement;

/// <summary>What an inventory holds, in the words of its messages.</summary>
/// <param name="Item">The item's kind, e.g. <c>Node</c>.</param>
/// <param name="List">The typed list's kind, e.g. <c>NodeList</c>.</param>
/// <param name="Command">The command that writes it, e.g. <c>kubectl get nodes</c>.</param>
internal sealed record InventoryKinds(string Item, string List, string Command)
{
    /// <summary>Node inventories (<c>kubectl get nodes -o json</c>).</summary>
    public static InventoryKinds Nodes { get; } = new("Node", "NodeList", "kubectl get nodes");

    /// <summary>Pod lists (<c>kubectl get pods -A -o json</c>).</summary>
    public static InventoryKinds Pods { get; } = new("Pod", "PodList", "kubectl get pods -A");

    /// <summary>The kinds a file may have, e.g. <c>List, NodeList or Node</c>.</summary>
    public string Expected => $"List, {List} or {Item}";
}

/// <summary>
/// One inventory file, JSON or YAML, read on one path: a JSON file is streamed as it is; a YAML file is first rewritten as
/// JSON at the same lines and columns in a temporary file (<see cref="YamlAsJson"/>), which is always deleted.
/// </summary>
internal static class InventoryFiles
{
    /// <summary>
    /// The items <paramref name="readJson"/> reads from <paramref name="file"/> (or from its JSON rewrite); an empty or
    /// unreadable file, or YAML that cannot be rewritten, is a problem and yields nothing.
    /// </summary>
    public static IEnumerable<T> Read<T>(string file, string display, List<InputProblem> problems, InventoryKinds kinds, Func<string, IEnumerable<T>> readJson)
    {
        bool? json;
        try
        {
            json = StartsLikeJson(file);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            problems.Add(new InputProblem(display, "", "cannot be read: " + error.Message));
            return [];
        }

        if (json is null)
        {
            problems.Add(new InputProblem(display, "", "the file is empty"));
            return [];
        }

        return json.Value ? readJson(file) : ReadYaml(file, display, problems, kinds, readJson);
    }

    private static IEnumerable<T> ReadYaml<T>(string file, string display, List<InputProblem> problems, InventoryKinds kinds, Func<string, IEnumerable<T>> readJson)
    {
        var json = Path.Combine(Path.GetTempPath(), $"nodeagents-{Guid.NewGuid():N}.json");
        try
        {
            if (!YamlAsJson.TryConvert(file, json, display, problems, kinds))
            {
                yield break;
            }

            foreach (var item in readJson(json))
            {
                yield return item;
            }
        }
        finally
        {
            File.Delete(json);
        }
    }

    /// <summary>True when the first non-blank character is <c>{</c> or <c>[</c>, false for anything else, null for an empty file.</summary>
    private static bool? StartsLikeJson(string file)
    {
        using var reader = new StreamReader(file);
        int next;
        while ((next = reader.Read()) >= 0)
        {
            if (!char.IsWhiteSpace((char)next) && next != '\uFEFF')
            {
                return next is '{' or '[';
            }
        }

        return null;
    }
}
