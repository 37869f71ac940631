using System.Text.Json;
using System.Text.Json.Nodes;
using NodeAgents.Input;
using NodeAgents.Validation;
using Spectre.Console;

namespace NodeAgents.Cli.Output;

/// <summary>Prints validator findings: a table for people, or a JSON document for machines.</summary>
internal static class FindingsReport
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>A table (severity, object, path, value, rule, message) and a count line; one line "no findings" when empty.</summary>
    public static void WriteTable(IReadOnlyList<Finding> findings, string stack, TextWriter writer)
    {
        var console = Terminal.Over(writer);
        if (findings.Count > 0)
        {
            var table = new Table().Border(TableBorder.Rounded).AddColumns("severity", "object", "path", "value", "rule", "message");
            foreach (var finding in findings)
            {
                table.AddRow(
                    finding.Severity.ToString().ToLowerInvariant(),
                    Markup.Escape(finding.Object.ToString()),
                    Markup.Escape(finding.Path),
                    Markup.Escape(finding.Value ?? "-"),
                    Markup.Escape(finding.Rule),
                    Markup.Escape(finding.Message));
            }

            Terminal.Write(console, table);
        }

        console.WriteLine(Summary(findings, stack));
    }

    /// <summary>
    /// <c>{"stack", "errors", "warnings", "findings": [{"severity", "kind", "namespace", "name", "path", "value", "rule", "message", "source"}]}</c>,
    /// indented, ending in a newline.
    /// </summary>
    public static void WriteJson(IReadOnlyList<Finding> findings, string stack, TextWriter writer)
    {
        var items = new JsonArray();
        foreach (var finding in findings)
        {
            items.Add((JsonNode)new JsonObject
            {
                ["severity"] = finding.Severity.ToString().ToLowerInvariant(),
                ["kind"] = finding.Object.Kind,
                ["namespace"] = finding.Object.Namespace,
                ["name"] = finding.Object.Name,
                ["path"] = finding.Path,
                ["value"] = finding.Value,
                ["rule"] = finding.Rule,
                ["message"] = finding.Message,
                ["source"] = finding.Source,
            });
        }

        var document = new JsonObject
        {
            ["stack"] = stack,
            ["errors"] = findings.Count(finding => finding.Severity == Severity.Error),
            ["warnings"] = findings.Count(finding => finding.Severity == Severity.Warning),
            ["findings"] = items,
        };
        writer.Write(document.ToJsonString(Indented) + "\n");
    }

    /// <summary>
    /// Input problems for machines: <c>{"stack", "inputProblems": [{"file", "path", "message", "line", "column"}]}</c>,
    /// indented (line and column are 0 when a problem has no position).
    /// </summary>
    public static string InputProblemsJson(IEnumerable<InputProblem> problems, string stack)
    {
        var items = new JsonArray();
        foreach (var problem in problems)
        {
            items.Add((JsonNode)new JsonObject
            {
                ["file"] = problem.File,
                ["path"] = problem.Path,
                ["message"] = problem.Message,
                ["line"] = problem.Line,
                ["column"] = problem.Column,
            });
        }

        return new JsonObject { ["stack"] = stack, ["inputProblems"] = items }.ToJsonString(Indented);
    }

    /// <summary><c>stack NAME: N errors, M warnings</c>.</summary>
    public static string Summary(IReadOnlyList<Finding> findings, string stack)
    {
        var errors = findings.Count(finding => finding.Severity == Severity.Error);
        var warnings = findings.Count - errors;
        return $"stack {stack}: {errors} error{(errors == 1 ? "" : "s")}, {warnings} warning{(warnings == 1 ? "" : "s")}";
    }
}
