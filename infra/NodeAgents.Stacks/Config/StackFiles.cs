using NodeAgents.Input;
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

    /// <summary>The top-level attributes of a project file (Pulumi project file reference).</summary>
    public static IReadOnlyList<string> ProjectAttributes { get; } =
        ["name", "runtime", "description", "config", "main", "stackConfigDir", "backend", "options", "template", "plugins", "packages", "author", "license", "website"];

    /// <summary>The top-level attributes of a stack settings file (Pulumi stack settings file reference).</summary>
    public static IReadOnlyList<string> StackAttributes { get; } = ["config", "secretsprovider", "encryptedkey", "encryptionsalt", "environment"];

    /// <summary>
    /// The stacks of the project in <paramref name="projectDirectory"/>: every <c>Pulumi.&lt;stack&gt;.yaml</c> in its stack
    /// folder (the project's <c>stackConfigDir</c>, else the project folder), sorted by name.
    /// </summary>
    public static IReadOnlyList<string> StackNames(string projectDirectory)
    {
        var directory = StackDirectory(projectDirectory, ReadRoot(projectDirectory, ProjectFile, []));
        return Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, "Pulumi.*.yaml")
                .Select(path => Path.GetFileName(path)["Pulumi.".Length..^".yaml".Length])
                .Where(name => StackNamePattern().IsMatch(name))
                .Order(StringComparer.Ordinal)
                .ToList()
            : [];
    }

    /// <summary>Reads the project in <paramref name="projectDirectory"/> and the stack <paramref name="stack"/>.</summary>
    /// <exception cref="InputException">
    /// The folder or a file is missing or unreadable, a file is not valid YAML or has keys the Pulumi file formats do not
    /// have, or the stack name is not one Pulumi accepts; lists every problem.
    /// </exception>
    public static StackInput Load(string projectDirectory, string stack)
    {
        var problems = new List<InputProblem>();
        if (!Directory.Exists(projectDirectory))
        {
            throw new InputException([new InputProblem(ProjectFile, "", $"the project folder {Path.GetFullPath(projectDirectory)} does not exist")]);
        }

        if (!StackNamePattern().IsMatch(stack))
        {
            throw new InputException([new InputProblem(StackFile(stack), "", "a stack name has letters, digits, '-', '_' and '.' only, does not start with '.', and has at most 100 characters")]);
        }

        var project = ReadRoot(projectDirectory, ProjectFile, problems);
        var stackDirectory = StackDirectory(projectDirectory, project);
        var stackRoot = ReadRoot(stackDirectory, StackFile(stack), problems);
        if (problems.Count > 0)
        {
            throw new InputException(problems);
        }

        UnknownKeys(project!, ProjectFile, ProjectAttributes, problems);
        UnknownKeys(stackRoot!, StackFile(stack), StackAttributes, problems);

        var projectName = ProjectName(project!, problems);
        var values = new SortedDictionary<string, ConfigValue>(StringComparer.Ordinal);
        if (projectName is not null)
        {
            var declaredTypes = new Dictionary<string, string>(StringComparer.Ordinal);
            ReadProjectDefaults(project!, projectName, values, declaredTypes, problems);
            ReadStackValues(stackRoot, stack, projectName, values, problems);
            CheckDeclaredTypes(values, declaredTypes, problems);
        }

        // Only a missing project name stops here; every other problem is bound and reported together with the binder's.
        return projectName is null ? throw new InputException(problems) : new StackInput(projectName, stack, values, problems);
    }

    /// <summary>Each value of a key that Pulumi.yaml declares with a type has that type (string, integer, boolean or array).</summary>
    private static void CheckDeclaredTypes(IDictionary<string, ConfigValue> values, IDictionary<string, string> declaredTypes, List<InputProblem> problems)
    {
        foreach (var (key, type) in declaredTypes)
        {
            if (!values.TryGetValue(key, out var value) || value.IsSecret)
            {
                continue;
            }

            var fits = type switch
            {
                "array" => value.Node is YamlSequenceNode,
                "integer" => value.Node is YamlScalarNode { Value: { } number } && long.TryParse(number, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out _),
                "boolean" => value.Node is YamlScalarNode { Value: "true" or "false" },
                _ => value.Node is YamlScalarNode,
            };
            if (!fits)
            {
                problems.Add(new InputProblem(value.File, key, $"Pulumi.yaml declares this key as {type}, got {YamlInput.Describe(value.Node)}", value.Node.Start.Line, value.Node.Start.Column));
            }
        }
    }

    private static string StackDirectory(string projectDirectory, YamlMappingNode? project) =>
        project is not null && Child(project, "stackConfigDir") is YamlScalarNode { Value: { Length: > 0 } relative }
            ? Path.Combine(projectDirectory, relative)
            : projectDirectory;

    private static void UnknownKeys(YamlMappingNode root, string file, IReadOnlyList<string> valid, List<InputProblem> problems)
    {
        foreach (var keyNode in root.Children.Keys)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? YamlInput.Describe(keyNode);
            if (!valid.Contains(key))
            {
                var suggestion = Binding.StrictBinder.Closest(key, valid);
                problems.Add(new InputProblem(file, key, "unknown top-level key" + (suggestion is null ? "" : $"; did you mean '{suggestion}'?") + $" (valid keys: {string.Join(", ", valid)})", keyNode.Start.Line, keyNode.Start.Column));
            }
        }
    }

    private static YamlMappingNode? ReadRoot(string directory, string name, List<InputProblem> problems)
    {
        var path = Path.Combine(directory, name);
        string text;
        try
        {
            // Read with a bound: a device such as /dev/zero or a huge file ends in one problem, not an unbounded allocation.
            text = ReadBounded(path, YamlLimits.MaxFileBytes);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            var reason = error is FileNotFoundException or DirectoryNotFoundException ? "file not found"
                : Directory.Exists(path) ? "it is a folder, not a file"
                : error.Message;
            problems.Add(new InputProblem(name, "", $"cannot read {Path.GetFullPath(path)}: {reason}"));
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

        problems.Add(new InputProblem(name, "", $"expected a mapping at the top level, got {YamlInput.Describe(root)}", root.Start.Line, root.Start.Column));
        return null;
    }

    private static string ReadBounded(string path, long limit)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        using var content = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while (content.Length <= limit && (read = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, limit + 1 - content.Length))) > 0)
        {
            content.Write(buffer, 0, read);
        }

        if (content.Length > limit)
        {
            throw new IOException($"the file is larger than {limit:N0} bytes, the most a config file may have");
        }

        return new System.Text.UTF8Encoding(false).GetString(content.GetBuffer(), 0, (int)content.Length).TrimStart('\uFEFF');
    }

    private static string? ProjectName(YamlMappingNode project, List<InputProblem> problems)
    {
        if (Child(project, "name") is YamlScalarNode { Value: { Length: > 0 } name })
        {
            return name;
        }

        problems.Add(new InputProblem(ProjectFile, "name", "the project needs a name", project.Start.Line, project.Start.Column));
        return null;
    }

    private static void ReadProjectDefaults(YamlMappingNode project, string projectName, IDictionary<string, ConfigValue> values, IDictionary<string, string> declaredTypes, List<InputProblem> problems)
    {
        if (Child(project, "config") is not { } config || YamlInput.IsNull(config))
        {
            return;
        }

        if (config is not YamlMappingNode declarations)
        {
            problems.Add(new InputProblem(ProjectFile, "config", $"expected a mapping, got {YamlInput.Describe(config)}", config.Start.Line, config.Start.Column));
            return;
        }

        foreach (var (keyNode, declaration) in declarations.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } shortKey })
            {
                problems.Add(new InputProblem(ProjectFile, "config", $"keys must be plain strings, got {YamlInput.Describe(keyNode)}", keyNode.Start.Line, keyNode.Start.Column));
                continue;
            }

            var key = FullKey(shortKey, projectName);
            var path = "config." + key;
            if (declaration is YamlMappingNode schema && (Child(schema, "type") is not null || Child(schema, "default") is not null || Child(schema, "description") is not null))
            {
                var type = (Child(schema, "type") as YamlScalarNode)?.Value;
                if (type is not (null or "string" or "integer" or "boolean" or "array"))
                {
                    problems.Add(new InputProblem(ProjectFile, path + ".type", $"'{type}' is not a config type; expected string, integer, boolean or array", schema.Start.Line, schema.Start.Column));
                }
                else if (type is not null)
                {
                    declaredTypes[key] = type;
                }

                if (Child(schema, "default") is { } defaultValue)
                {
                    values[key] = new ConfigValue(defaultValue, ProjectFile, IsSecret: false, keyNode);
                }
            }
            else if (declaration is YamlMappingNode nested && Child(nested, "value") is { } value)
            {
                values[key] = new ConfigValue(value, ProjectFile, IsSecret: false, keyNode);
            }
            else
            {
                values[key] = new ConfigValue(declaration, ProjectFile, IsSecret: false, keyNode);
            }
        }
    }

    private static void ReadStackValues(YamlMappingNode? stackRoot, string stack, string projectName, IDictionary<string, ConfigValue> values, List<InputProblem> problems)
    {
        var file = StackFile(stack);
        if (stackRoot is null || Child(stackRoot, "config") is not { } config || YamlInput.IsNull(config))
        {
            return;
        }

        if (config is not YamlMappingNode entries)
        {
            problems.Add(new InputProblem(file, "config", $"expected a mapping of namespace:key entries, got {YamlInput.Describe(config)}", config.Start.Line, config.Start.Column));
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in entries.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key })
            {
                problems.Add(new InputProblem(file, "config", $"keys must be plain strings, got {YamlInput.Describe(keyNode)}", keyNode.Start.Line, keyNode.Start.Column));
                continue;
            }

            // The Pulumi CLI puts a key without a namespace into the project's (pulumi/pulumi
            // sdk/go/common/workspace/loaders.go, stackConfigNamespacedWithProject): "logging" is "node-agents:logging".
            var fullKey = FullKey(key, projectName);
            if (!seen.Add(fullKey))
            {
                problems.Add(new InputProblem(file, fullKey, $"set twice in this file (once as '{key}'); the Pulumi CLI would keep either one", keyNode.Start.Line, keyNode.Start.Column));
                continue;
            }

            // A secure value is a mapping of exactly one key, secure, holding a string (config/object.go, isSecureValue).
            var secret = value is YamlMappingNode secure && secure.Children.Count == 1 && Child(secure, "secure") is YamlScalarNode;
            values[fullKey] = new ConfigValue(value, file, secret, keyNode);
        }
    }

    private static string FullKey(string key, string projectName) => key.Contains(':', StringComparison.Ordinal) ? key : $"{projectName}:{key}";

    private static YamlNode? Child(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    [GeneratedRegex("^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,99}$")]
    private static partial Regex StackNamePattern();
}
