using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace NodeAgents.Stacks.Config;

/// <summary>
/// Reads a Pulumi project offline, the way the Pulumi CLI does: <c>Pulumi.yaml</c> (project name and project-level config:
/// direct values, <c>value:</c> declarations and typed schemas with defaults, per the Pulumi project file reference) and
/// <c>Pulumi.&lt;stack&gt;.yaml</c> (its <c>config:</c> map of <c>namespace:key</c> entries). Stack values win over project
/// defaults. <c>secure:</c> values are kept encrypted and marked secret.
/// </summary>
public static partial class StackFiles
{
    /// <summary>The project file name.</summary>
    public const string ProjectFile = "Pulumi.yaml";

    /// <summary>The file of a stack: <c>Pulumi.&lt;stack&gt;.yaml</c>.</summary>
    public static string StackFile(string stack) => $"Pulumi.{stack}.yaml";

    /// <summary>The stacks of the project in <paramref name="projectDirectory"/>: every <c>Pulumi.&lt;stack&gt;.yaml</c>, sorted by name.</summary>
    public static IReadOnlyList<string> StackNames(string projectDirectory) => Directory.Exists(projectDirectory)
        ? Directory.EnumerateFiles(projectDirectory, "Pulumi.*.yaml")
            .Select(path => Path.GetFileName(path)["Pulumi.".Length..^".yaml".Length])
            .Where(name => StackNamePattern().IsMatch(name))
            .Order(StringComparer.Ordinal)
            .ToList()
        : [];

    /// <summary>Reads the project in <paramref name="projectDirectory"/> and the stack <paramref name="stack"/>.</summary>
    /// <exception cref="ConfigException">A file is missing or unreadable, is not valid YAML, or does not have the documented shape; lists every problem.</exception>
    public static StackInput Load(string projectDirectory, string stack)
    {
        var problems = new List<ConfigProblem>();
        if (!StackNamePattern().IsMatch(stack))
        {
            throw new ConfigException([new ConfigProblem(StackFile(stack), "", "a stack name has letters, digits, '-', '_' and '.' only")]);
        }

        var project = ReadRoot(projectDirectory, ProjectFile, problems);
        var stackRoot = ReadRoot(projectDirectory, StackFile(stack), problems);
        if (problems.Count > 0)
        {
            throw new ConfigException(problems);
        }

        var projectName = ProjectName(project!, problems);
        var values = new SortedDictionary<string, ConfigValue>(StringComparer.Ordinal);
        if (projectName is not null)
        {
            ReadProjectDefaults(project!, projectName, values, problems);
            ReadStackValues(stackRoot, stack, projectName, values, problems);
        }

        return problems.Count > 0 ? throw new ConfigException(problems) : new StackInput(projectName!, stack, values);
    }

    private static YamlMappingNode? ReadRoot(string directory, string name, List<ConfigProblem> problems)
    {
        var path = Path.Combine(directory, name);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            var reason = error is FileNotFoundException or DirectoryNotFoundException ? "file not found" : error.Message;
            problems.Add(new ConfigProblem(name, "", $"cannot read {Path.GetFullPath(path)}: {reason}"));
            return null;
        }

        var before = problems.Count;
        var root = YamlInput.Parse(text, name, problems);
        if (problems.Count > before)
        {
            return null;
        }

        if (root is YamlMappingNode mapping)
        {
            return mapping;
        }

        if (root is null || YamlInput.IsNull(root))
        {
            return new YamlMappingNode();
        }

        problems.Add(new ConfigProblem(name, "", $"expected a mapping at the top level, got {YamlInput.Describe(root)}", root.Start.Line, root.Start.Column));
        return null;
    }

    private static string? ProjectName(YamlMappingNode project, List<ConfigProblem> problems)
    {
        if (Child(project, "name") is YamlScalarNode { Value: { Length: > 0 } name })
        {
            return name;
        }

        problems.Add(new ConfigProblem(ProjectFile, "name", "the project needs a name", project.Start.Line, project.Start.Column));
        return null;
    }

    private static void ReadProjectDefaults(YamlMappingNode project, string projectName, IDictionary<string, ConfigValue> values, List<ConfigProblem> problems)
    {
        if (Child(project, "config") is not { } config || YamlInput.IsNull(config))
        {
            return;
        }

        if (config is not YamlMappingNode declarations)
        {
            problems.Add(new ConfigProblem(ProjectFile, "config", $"expected a mapping, got {YamlInput.Describe(config)}", config.Start.Line, config.Start.Column));
            return;
        }

        foreach (var (keyNode, declaration) in declarations.Children)
        {
            var key = FullKey(((YamlScalarNode)keyNode).Value ?? "", projectName);
            var path = "config." + key;
            if (declaration is YamlMappingNode schema && (Child(schema, "type") is not null || Child(schema, "default") is not null || Child(schema, "description") is not null))
            {
                if (Child(schema, "default") is { } defaultValue)
                {
                    values[key] = new ConfigValue(defaultValue, ProjectFile, IsSecret: false);
                }

                var type = (Child(schema, "type") as YamlScalarNode)?.Value;
                if (type is not (null or "string" or "integer" or "boolean" or "array"))
                {
                    problems.Add(new ConfigProblem(ProjectFile, path + ".type", $"'{type}' is not a config type; expected string, integer, boolean or array", schema.Start.Line, schema.Start.Column));
                }
            }
            else if (declaration is YamlMappingNode nested && Child(nested, "value") is { } value)
            {
                values[key] = new ConfigValue(value, ProjectFile, IsSecret: false);
            }
            else
            {
                values[key] = new ConfigValue(declaration, ProjectFile, IsSecret: false);
            }
        }
    }

    private static void ReadStackValues(YamlMappingNode? stackRoot, string stack, string projectName, IDictionary<string, ConfigValue> values, List<ConfigProblem> problems)
    {
        var file = StackFile(stack);
        if (stackRoot is null || Child(stackRoot, "config") is not { } config || YamlInput.IsNull(config))
        {
            return;
        }

        if (config is not YamlMappingNode entries)
        {
            problems.Add(new ConfigProblem(file, "config", $"expected a mapping of namespace:key entries, got {YamlInput.Describe(config)}", config.Start.Line, config.Start.Column));
            return;
        }

        foreach (var (keyNode, value) in entries.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value ?? "";
            if (!key.Contains(':', StringComparison.Ordinal))
            {
                problems.Add(new ConfigProblem(file, "config." + key, $"config keys are namespaced; did you mean '{projectName}:{key}'?", keyNode.Start.Line, keyNode.Start.Column));
                continue;
            }

            var secret = value is YamlMappingNode secure && Child(secure, "secure") is not null;
            values[key] = new ConfigValue(value, file, secret);
        }
    }

    private static string FullKey(string key, string projectName) => key.Contains(':', StringComparison.Ordinal) ? key : $"{projectName}:{key}";

    private static YamlNode? Child(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    [GeneratedRegex("^[A-Za-z0-9_.-]+$")]
    private static partial Regex StackNamePattern();
}
