using System.Text;
using System.Text.Json;
using k8s;
using k8s.Models;
using NodeAgents.Input;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace NodeAgents.Placement;

/// <summary>
/// Finds the DaemonSets in any Kubernetes manifests, for <c>plan --manifests</c>: a file or a folder (recursive, in name
/// order) of <c>*.yaml</c>, <c>*.yml</c> and <c>*.json</c> files, each with one or more YAML documents (<c>---</c>; JSON is
/// one document) holding objects or <c>v1</c> <c>List</c>s of objects (<c>kubectl get ds -A -o yaml</c>, <c>helm template</c>
/// output, upstream manifests). Objects of other kinds are skipped. Parsing is YamlDotNet's; each DaemonSet is read by
/// KubernetesClient's <see cref="KubernetesJson"/> (plain scalars resolve as in the YAML 1.2 core schema, as
/// <see cref="YamlAsJson"/> does), so a field of the wrong shape is reported at its own line and column.
/// </summary>
public static class ManifestDaemonSets
{
    /// <summary>The largest manifest file read (bytes): 32 MiB.</summary>
    public const long MaxFileBytes = 32L << 20;

    /// <summary>The file extensions read from a folder.</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".yaml", ".yml", ".json"];

    /// <summary>Reads every DaemonSet of <paramref name="path"/>.</summary>
    /// <param name="path">A file or folder, as the user gave it; problems name files relative to it.</param>
    /// <returns>The DaemonSets in file order, then document and item order.</returns>
    /// <exception cref="InputException">
    /// Every problem of every file at once: no such path, a file too large or not valid YAML/JSON, a YAML alias, a document
    /// that is not an object, a DaemonSet field of the wrong shape (file, path, line, column), no DaemonSet at all.
    /// </exception>
    public static IReadOnlyList<V1DaemonSet> Read(string path)
    {
        var problems = new List<InputProblem>();
        IReadOnlyList<string> files;
        if (Directory.Exists(path))
        {
            files = [.. Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                .Where(file => Extensions.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal)];
        }
        else if (File.Exists(path))
        {
            files = [path];
        }
        else
        {
            throw new InputException([new InputProblem(path, "", "no such file or folder")]);
        }

        var daemonSets = new List<V1DaemonSet>();
        foreach (var file in files)
        {
            ReadFile(file, problems, daemonSets);
        }

        if (problems.Count == 0 && daemonSets.Count == 0)
        {
            problems.Add(new InputProblem(path, "", "the manifests hold no DaemonSet"));
        }

        return problems.Count > 0 ? throw new InputException(problems) : daemonSets;
    }

    private static void ReadFile(string file, List<InputProblem> problems, List<V1DaemonSet> daemonSets)
    {
        var stream = new YamlStream();
        try
        {
            if (new FileInfo(file).Length > MaxFileBytes)
            {
                problems.Add(new InputProblem(file, "", $"is larger than {MaxFileBytes >> 20} MiB"));
                return;
            }

            using var reader = new StreamReader(file, Encoding.UTF8);
            stream.Load(reader);
        }
        catch (YamlException error)
        {
            problems.Add(new InputProblem(file, "", "not valid YAML: " + (error.InnerException?.Message ?? error.Message).Trim(), error.Start.Line, error.Start.Column));
            return;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            problems.Add(new InputProblem(file, "", "cannot be read: " + error.Message));
            return;
        }

        for (var document = 0; document < stream.Documents.Count; document++)
        {
            var root = stream.Documents[document].RootNode;
            var prefix = stream.Documents.Count > 1 ? $"(document {document + 1})." : "";
            if (root is YamlScalarNode { Value: null or "" or "~" or "null" })
            {
                continue; // an empty document (a trailing ---, a template that rendered nothing)
            }

            if (root is not YamlMappingNode mapping)
            {
                problems.Add(new InputProblem(file, prefix.TrimEnd('.'), "expected a Kubernetes object (a mapping with kind)", root.Start.Line, root.Start.Column));
                continue;
            }

            if (Scalar(mapping, "kind") is "List" or "DaemonSetList" && mapping.Children.TryGetValue(new YamlScalarNode("items"), out var items))
            {
                if (items is YamlSequenceNode sequence)
                {
                    for (var index = 0; index < sequence.Children.Count; index++)
                    {
                        if (sequence.Children[index] is YamlMappingNode item && (Scalar(item, "kind") == "DaemonSet" || Scalar(mapping, "kind") == "DaemonSetList"))
                        {
                            Add(file, $"{prefix}items[{index}].", item, problems, daemonSets);
                        }
                    }
                }
                else if (items is not YamlScalarNode { Value: null or "" or "null" })
                {
                    problems.Add(new InputProblem(file, prefix + "items", "expected a list", items.Start.Line, items.Start.Column));
                }
            }
            else if (Scalar(mapping, "kind") == "DaemonSet")
            {
                Add(file, prefix, mapping, problems, daemonSets);
            }
        }
    }

    private static void Add(string file, string prefix, YamlMappingNode node, List<InputProblem> problems, List<V1DaemonSet> daemonSets)
    {
        var json = new StringBuilder();
        if (!TryWrite(node, json, new HashSet<YamlNode>(ReferenceEqualityComparer.Instance), out var alias))
        {
            problems.Add(new InputProblem(file, prefix.TrimEnd('.'), "YAML aliases (*name) are not supported in manifests", alias!.Start.Line, alias.Start.Column));
            return;
        }

        try
        {
            var daemonSet = KubernetesJson.Deserialize<V1DaemonSet>(json.ToString());
            if (daemonSet.Spec?.Template?.Spec is null)
            {
                problems.Add(new InputProblem(file, prefix + "spec.template.spec", "a DaemonSet needs a pod template", node.Start.Line, node.Start.Column));
                return;
            }

            daemonSets.Add(daemonSet);
        }
        catch (Exception error) when (error is JsonException or FormatException or ArgumentException or InvalidOperationException or OverflowException)
        {
            var jsonPath = (error as JsonException)?.Path ?? "$";
            var at = Find(node, jsonPath) ?? node;
            var message = error is JsonException ? FirstSentence(error.Message) : error.Message;
            problems.Add(new InputProblem(file, prefix + jsonPath.TrimStart('$').TrimStart('.'), "not a valid DaemonSet: " + message, at.Start.Line, at.Start.Column));
        }
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". Path:", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message;
    }

    private static string? Scalar(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode scalar ? scalar.Value : null;

    /// <summary>Writes <paramref name="node"/> as JSON; false (with the repeated node) when a node appears twice, i.e. through an alias.</summary>
    private static bool TryWrite(YamlNode node, StringBuilder json, HashSet<YamlNode> seen, out YamlNode? alias)
    {
        alias = null;
        if (!seen.Add(node))
        {
            alias = node;
            return false;
        }

        switch (node)
        {
            case YamlMappingNode mapping:
                json.Append('{');
                var first = true;
                foreach (var (key, value) in mapping.Children)
                {
                    json.Append(first ? "" : ",").Append(YamlAsJson.Quote(key is YamlScalarNode scalarKey ? scalarKey.Value ?? "" : key.ToString())).Append(':');
                    first = false;
                    if (!TryWrite(value, json, seen, out alias))
                    {
                        return false;
                    }
                }

                json.Append('}');
                return true;
            case YamlSequenceNode sequence:
                json.Append('[');
                for (var index = 0; index < sequence.Children.Count; index++)
                {
                    json.Append(index == 0 ? "" : ",");
                    if (!TryWrite(sequence.Children[index], json, seen, out alias))
                    {
                        return false;
                    }
                }

                json.Append(']');
                return true;
            case YamlScalarNode scalar:
                json.Append(YamlAsJson.Resolve(scalar.Value ?? "", scalar.Style));
                return true;
            default:
                alias = node;
                return false;
        }
    }

    /// <summary>The YAML node at a System.Text.Json path such as <c>$.spec.template.spec.containers[0].ports</c>, or null.</summary>
    private static YamlNode? Find(YamlNode root, string path)
    {
        var node = root;
        foreach (var part in path.TrimStart('$').Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = part;
            var bracket = part.IndexOf('[', StringComparison.Ordinal);
            var indexes = new List<int>();
            if (bracket >= 0)
            {
                name = part[..bracket];
                foreach (var index in part[bracket..].Split(['[', ']'], StringSplitOptions.RemoveEmptyEntries))
                {
                    indexes.Add(int.TryParse(index, out var value) ? value : -1);
                }
            }

            if (name.Length > 0)
            {
                if (node is not YamlMappingNode mapping || !mapping.Children.TryGetValue(new YamlScalarNode(name), out var child))
                {
                    return node;
                }

                node = child;
            }

            foreach (var index in indexes)
            {
                if (node is not YamlSequenceNode sequence || index < 0 || index >= sequence.Children.Count)
                {
                    return node;
                }

                node = sequence.Children[index];
            }
        }

        return node;
    }
}
