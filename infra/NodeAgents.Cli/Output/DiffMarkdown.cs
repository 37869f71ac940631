using System.Text;
using NodeAgents.Diff;

namespace NodeAgents.Cli.Output;

/// <summary>
/// <c>nodeagents diff -o markdown</c>: a pull-request comment. The headline, the summary table (object, change, impact),
/// the security-relevant changes, then each object's field changes in a collapsible <c>&lt;details&gt;</c> section.
/// </summary>
internal static class DiffMarkdown
{
    public static string Write(DiffReport report, DiffHeader header)
    {
        var text = new StringBuilder();
        var headline = DiffRows.Headline(report, header).ToList();
        if (report.EveryAgentRemoved)
        {
            // The first line of the comment, above the heading, so no one reads past it.
            text.Append("**").Append(headline[0]).Append("**\n\n");
            headline.RemoveAt(0);
        }

        text.Append("### nodeagents diff: stack `").Append(header.Stack).Append("` against `").Append(header.Base).Append("`\n\n");
        foreach (var line in headline)
        {
            text.Append(line).Append("\n\n");
        }

        if (!report.HasChanges)
        {
            return text.ToString();
        }

        text.Append("| object | change | impact |\n|---|---|---|\n");
        foreach (var (obj, change, impact) in DiffRows.Rows(report))
        {
            text.Append($"| {Cell(obj)} | {Cell(change)} | {Cell(impact)} |\n");
        }

        foreach (var impact in DiffRows.Indirect(report))
        {
            text.Append($"| {Cell(impact.DaemonSet.ToString())} | unchanged | {Cell($"{impact.Summary} (cause: {impact.Cause})")} |\n");
        }

        text.Append('\n');
        if (report.Security.Count > 0)
        {
            text.Append("**Security-relevant changes**\n\n");
            foreach (var item in report.Security)
            {
                text.Append($"- {Cell(item.Object.ToString())}: {Cell(item.Message)}\n");
            }

            text.Append('\n');
        }

        foreach (var change in report.Changes.Where(change => change.Fields.Count > 0))
        {
            text.Append($"<details><summary>{Html(change.Key.ToString())}: {change.Fields.Count} field{(change.Fields.Count == 1 ? "" : "s")}</summary>\n\n");
            text.Append("| field | base | now |\n|---|---|---|\n");
            foreach (var field in change.Fields)
            {
                text.Append($"| `{Cell(field.Path)}` | {Code(field.Before)} | {Code(field.After)} |\n");
            }

            text.Append("\n</details>\n\n");
        }

        return text.ToString();
    }

    /// <summary>A table cell: pipes escaped, line breaks as spaces.</summary>
    private static string Cell(string value) => value.Replace("|", "\\|", StringComparison.Ordinal).Replace('\n', ' ');

    private static string Code(string? value) => value is null ? "—" : $"`{Cell(DiffRows.Short(value)).Replace("`", "'", StringComparison.Ordinal)}`";

    private static string Html(string value) => value.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal);
}
