using System.Text.Json;
using System.Text.Json.Nodes;
using NodeAgents.Diff;

namespace NodeAgents.Cli.Output;

/// <summary>
/// <c>nodeagents diff -o json</c>: <c>{stack, base, nodes, nodeCount, everyAgentRemoved, changes: [{change, apiVersion, kind,
/// namespace, name, renamedFrom, removal, fields: [{path, before, after}]}], impacts: [{kind, namespace, name, impact, cause,
/// nodes, waves, batch, leastSeconds, coverageGap, summary}], security: [{kind, object, message}]}</c>. Field values are JSON
/// text (null when absent); <c>nodes</c> and <c>waves</c> are null without an inventory.
/// </summary>
internal static class DiffJson
{
    public static string Write(DiffReport report, DiffHeader header)
    {
        var root = new JsonObject
        {
            ["stack"] = header.Stack,
            ["base"] = header.Base,
            ["nodes"] = header.Nodes,
            ["nodeCount"] = header.NodeCount,
            ["everyAgentRemoved"] = report.EveryAgentRemoved,
            ["changes"] = new JsonArray([.. report.Changes.Select(change => (JsonNode)new JsonObject
            {
                ["change"] = change.Kind.ToString().ToLowerInvariant(),
                ["apiVersion"] = change.Key.ApiVersion,
                ["kind"] = change.Key.Kind,
                ["namespace"] = change.Key.Namespace,
                ["name"] = change.Key.Name,
                ["renamedFrom"] = change.RenamedFrom?.ToString(),
                ["removal"] = change.RemovalNote,
                ["fields"] = new JsonArray([.. change.Fields.Select(field => (JsonNode)new JsonObject { ["path"] = field.Path, ["before"] = field.Before, ["after"] = field.After })]),
            })]),
            ["impacts"] = new JsonArray([.. report.Impacts.Select(impact => (JsonNode)new JsonObject
            {
                ["kind"] = impact.DaemonSet.Kind,
                ["namespace"] = impact.DaemonSet.Namespace,
                ["name"] = impact.DaemonSet.Name,
                ["impact"] = JsonNamingPolicy.KebabCaseLower.ConvertName(impact.Kind.ToString()),
                ["cause"] = impact.Cause,
                ["nodes"] = impact.Nodes,
                ["waves"] = impact.Waves,
                ["batch"] = impact.Batch,
                ["leastSeconds"] = impact.LeastSeconds,
                ["coverageGap"] = impact.CoverageGap,
                ["summary"] = impact.Summary,
            })]),
            ["security"] = new JsonArray([.. report.Security.Select(item => (JsonNode)new JsonObject { ["kind"] = item.Kind, ["object"] = item.Object.ToString(), ["message"] = item.Message })]),
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}
