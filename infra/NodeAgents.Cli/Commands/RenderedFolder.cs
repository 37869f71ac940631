using System.Text.Json.Nodes;
using NodeAgents.Diff;
using NodeAgents.Input;

namespace NodeAgents.Cli.Commands;

/// <summary>Reads a folder that <c>render</c> wrote earlier (YAML files, or <c>list.json</c>) back into objects for <c>diff</c>.</summary>
internal static class RenderedFolder
{
    /// <summary>The largest file read, in bytes.</summary>
    public const long MaxFileBytes = 8 * 1024 * 1024;

    /// <summary>The most files read from one folder.</summary>
    public const int MaxFiles = 10_000;

    /// <summary>Every object of the <c>.yaml</c>, <c>.yml</c> and <c>.json</c> files directly in <paramref name="folder"/>, in file-name order.</summary>
    /// <exception cref="InputException">A file is too large or not YAML/JSON; every such file, with line and column.</exception>
    public static IReadOnlyList<JsonObject> Read(string folder)
    {
        var objects = new List<JsonObject>();
        var problems = new List<InputProblem>();
        var files = Directory.EnumerateFiles(folder)
            .Where(file => Path.GetExtension(file) is ".yaml" or ".yml" or ".json" && !Path.GetFileName(file).StartsWith('.'))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (files.Count > MaxFiles)
        {
            throw new InputException([new InputProblem(folder, "", $"holds {files.Count} manifest files, more than {MaxFiles}; not a rendered stack")]);
        }

        foreach (var file in files)
        {
            if (new FileInfo(file).Length > MaxFileBytes)
            {
                problems.Add(new InputProblem(file, "", $"larger than {MaxFileBytes / 1024 / 1024} MiB; not a rendered manifest"));
                continue;
            }

            try
            {
                objects.AddRange(DiffInput.FromText(File.ReadAllText(file)));
            }
            catch (FormatException error)
            {
                problems.Add(new InputProblem(file, "", error.Message));
            }
        }

        return problems.Count > 0 ? throw new InputException(problems) : objects;
    }
}
