using System.Net;
using System.Text;
using NodeAgents.Placement;

namespace NodeAgents.Cli.Output;

/// <summary>
/// <c>nodeagents plan --html FILE</c>: the agent × node-group matrix as one self-contained page (inline CSS, no script, font
/// or network access). Cells are coloured: green lands, grey excluded by selector or affinity, orange blocked by a taint,
/// red does not fit; the reason is in each cell's tooltip and under it.
/// </summary>
internal static class PlanHtml
{
    /// <summary>The marker that identifies a page this tool wrote; any other existing file is never overwritten.</summary>
    public const string Generator = "<meta name=\"generator\" content=\"nodeagents plan\">";

    /// <summary>Writes the page to <paramref name="path"/> atomically (temporary file, then rename).</summary>
    /// <exception cref="OutputFolderException">The folder does not exist, the file exists and was not written by this tool, or writing fails.</exception>
    public static void WriteFile(PlacementPlan plan, string stack, string nodesPath, string path)
    {
        var folder = Path.GetDirectoryName(path) ?? ".";
        if (!Directory.Exists(folder))
        {
            throw new OutputFolderException($"{path}: the folder {folder} does not exist; nothing was written.");
        }

        if (File.Exists(path) && !File.ReadAllText(path).Contains(Generator, StringComparison.Ordinal))
        {
            throw new OutputFolderException($"{path}: the file exists and was not written by nodeagents plan; it is left as it is. Choose another --html path.");
        }

        var temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        try
        {
            File.WriteAllText(temporary, Render(plan, stack, nodesPath), new UTF8Encoding(false));
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            File.Delete(temporary);
            throw new OutputFolderException($"{path}: cannot be written: {error.Message}");
        }
    }

    /// <summary>The page.</summary>
    public static string Render(PlacementPlan plan, string stack, string nodesPath)
    {
        static string E(string text) => WebUtility.HtmlEncode(text);
        var html = new StringBuilder();
        html.AppendLine("<!DOCTYPE html>").AppendLine("<html lang=\"en\"><head><meta charset=\"utf-8\">").AppendLine(Generator);
        html.AppendLine($"<title>Placement plan: {E(stack)}</title>");
        html.AppendLine("""
            <style>
            body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:1.5rem;color:#1f2328}
            table{border-collapse:collapse;margin:1rem 0}
            th,td{border:1px solid #d0d7de;padding:.4rem .6rem;vertical-align:top;text-align:left;font-size:.9rem}
            th{background:#f6f8fa}
            td.cell{min-width:8rem}
            td.cell small{display:block;color:#1f2328;opacity:.8;max-width:18rem}
            .lands{background:#c9f2d0}.selector{background:#e6e8eb}.taint{background:#ffd8a8}.fit{background:#ffb3b3}
            .legend span{display:inline-block;padding:.2rem .6rem;margin-right:.5rem;border:1px solid #d0d7de}
            li.error{color:#a40e26}li.warning{color:#7d4e00}
            </style></head><body>
            """);
        html.AppendLine($"<h1>Placement plan: stack <code>{E(stack)}</code></h1>");
        html.AppendLine($"<p>{E(PlanText.Summary(plan, stack, nodesPath))}</p>");
        html.AppendLine("<p class=\"legend\"><span class=\"lands\">lands</span><span class=\"selector\">excluded by selector / affinity</span><span class=\"taint\">blocked by a taint</span><span class=\"fit\">does not fit (Pending)</span></p>");
        html.Append("<table><thead><tr><th>group</th><th>nodes</th>");
        foreach (var agent in plan.Agents)
        {
            html.Append($"<th>{E(agent.Name)}<br><small>{E(agent.Role)} · {E(PlanText.Amounts(agent.Requests))}</small></th>");
        }

        html.AppendLine("<th>allocatable<br><small>cpu / mem / pods</small></th><th>agents take</th><th>agent tax</th><th>policy</th></tr></thead><tbody>");
        foreach (var group in plan.Groups)
        {
            html.Append($"<tr><th>{E(group.Id)}<br><small>{E(group.Description)}</small></th><td>{group.Nodes.Count}<br><small>{E(PlanText.Nodes(group.Nodes))}</small></td>");
            foreach (var decision in group.Decisions)
            {
                var css = decision.Outcome switch
                {
                    PlacementOutcome.Lands => "lands",
                    PlacementOutcome.ExcludedBySelector => "selector",
                    PlacementOutcome.BlockedByTaint => "taint",
                    _ => "fit",
                };
                html.Append($"<td class=\"cell {css}\" title=\"{E(decision.Reason)}\">{E(PlanText.Cell(decision.Outcome))}");
                if (decision.Reason.Length > 0)
                {
                    html.Append($"<small>{E(decision.Reason)}</small>");
                }

                html.Append("</td>");
            }

            html.AppendLine($"<td>{E(PlanText.Amounts(group.Allocatable))}</td><td>{E(PlanText.Amounts(group.AgentRequests))}</td><td>{E(PlanText.Tax(group))}</td><td>{E(PlanText.Policy(group))}</td></tr>");
        }

        html.AppendLine("</tbody></table>");
        if (plan.Problems.Count > 0)
        {
            html.AppendLine("<h2>Problems</h2><ul>");
            foreach (var problem in plan.Problems)
            {
                var severity = problem.Severity == PlanSeverity.Error ? "error" : "warning";
                html.AppendLine($"<li class=\"{severity}\"><strong>{severity}</strong> ({problem.Kind}): {E(problem.Message)}</li>");
            }

            html.AppendLine("</ul>");
        }

        html.AppendLine("</body></html>");
        return html.ToString();
    }
}
