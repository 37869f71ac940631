using NodeAgents.Input;
using k8s;
using k8s.Models;

namespace NodeAgents.Placement;

/// <summary>
/// Reads a node inventory: the output of <c>kubectl get nodes -o json</c> or <c>-o yaml</c> (a <c>v1</c> <c>List</c> or
/// <c>NodeList</c> of Nodes, or a single <c>Node</c>), from one file or from every <c>*.json</c>, <c>*.yaml</c> and <c>*.yml</c>
/// file of a folder (not recursive, in name order). Parsing is System.Text.Json's and YamlDotNet's (with
/// KubernetesClient's <see cref="KubernetesJson"/> for the nodes); JSON Lists are streamed item by item
/// (<see cref="JsonNodeStream"/>), and YAML files are first rewritten as JSON at the same lines and columns
/// (<see cref="YamlAsJson"/>), so both take the same path and YAML inventories of any size work.
/// </summary>
public static class NodeInventory
{
    /// <summary>The file extensions read from a folder.</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".json", ".yaml", ".yml"];

    /// <summary>Reads every node of <paramref name="path"/> (a file or a folder) into a list.</summary>
    /// <param name="path">The inventory file or folder, as the user gave it; problems name files relative to it.</param>
    /// <returns>The nodes in file order, then item order; never empty.</returns>
    /// <exception cref="InputException">See <see cref="Stream"/>.</exception>
    public static IReadOnlyList<V1Node> Read(string path) => [.. Stream(path)];

    /// <summary>
    /// Streams every node of <paramref name="path"/> (a file or a folder), one at a time: a JSON List is read item by item,
    /// so a consumer that keeps only what it needs (as <see cref="PlacementPlanner"/> does) never holds the whole inventory.
    /// The problems are collected while streaming and thrown together after the last node, so a consumer must not write
    /// anything before the enumeration has finished.
    /// </summary>
    /// <param name="path">The inventory file or folder, as the user gave it; problems name files relative to it.</param>
    /// <returns>The nodes in file order, then item order.</returns>
    /// <exception cref="InputException">
    /// Thrown at the end of the enumeration (or at once for a missing path): a file is not valid JSON/YAML, is not a
    /// List/NodeList/Node, an item is not a Node or has no <c>metadata.name</c>, a quantity does not parse, two nodes share a
    /// name, or there is no node at all. Every problem of every file is reported, with its file, path and (when the parser
    /// gives it) line and column.
    /// </exception>
    public static IEnumerable<V1Node> Stream(string path)
    {
        foreach (var view in Views(path, []))
        {
            if (view.Materialize() is { } node)
            {
                yield return node;
            }
        }
    }

    /// <summary>
    /// The nodes of <paramref name="path"/> as <see cref="NodeView"/>s, each valid until the enumeration moves on; what
    /// <see cref="Stream"/> and <see cref="PlacementPlanner.Plan(IEnumerable{V1DaemonSet}, string, CoveragePolicy, IReadOnlyDictionary{string, NodePods}, PriorityClasses)"/> read.
    /// </summary>
    /// <exception cref="InputException">As <see cref="Stream"/>; problems recorded by <see cref="NodeView.Materialize"/> count too.</exception>
    /// <param name="path">The inventory file or folder.</param>
    /// <param name="labelKeys">The label keys the views must answer for JSON items (others are skipped while reading).</param>
    internal static IEnumerable<NodeView> Views(string path, IReadOnlyCollection<string> labelKeys)
    {
        var problems = new List<InputProblem>();
        if (!Directory.Exists(path) && !File.Exists(path))
        {
            throw new InputException([new InputProblem(path, "", "no such file or folder")]);
        }

        var files = InputPaths.Files(path, Extensions, problems);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (file, display) in files)
        {
            foreach (var (node, itemPath) in ReadFile(file, display, problems, labelKeys))
            {
                var name = node.Name;
                if (name.Length == 0)
                {
                    problems.Add(new InputProblem(display, itemPath + "metadata.name", "a Node needs a name"));
                    continue;
                }

                if (!names.TryAdd(name, display))
                {
                    problems.Add(new InputProblem(display, itemPath + "metadata.name", $"node '{name}' appears twice (first in {names[name]})"));
                    continue;
                }

                yield return node;
            }
        }

        if (problems.Count == 0 && names.Count == 0)
        {
            problems.Add(new InputProblem(path, "", "the inventory holds no node"));
        }

        if (problems.Count > 0)
        {
            throw new InputException(problems);
        }
    }

    private static IEnumerable<(NodeView Node, string Path)> ReadFile(string file, string display, List<InputProblem> problems, IReadOnlyCollection<string> labelKeys) =>
        InventoryFiles.Read(file, display, problems, InventoryKinds.Nodes, json => JsonNodeStream.Read(json, display, problems, labelKeys));
}
