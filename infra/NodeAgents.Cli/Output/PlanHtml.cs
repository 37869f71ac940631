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
    /// <summary>The tag in the head that marks a page this tool wrote.</summary>
    public const string Generator = "<meta name=\"generator\" content=\"nodeagents plan\">";

    /// <summary>The last line of every page this tool writes; with <see cref="Generator"/> in the head it marks a whole page as the tool's.</summary>
    public const string EndMarker = "<!-- end of nodeagents plan -->";

    /// <summary>
    /// Writes the page to <paramref name="path"/> through a new temporary file in the same folder, then a rename, so a
    /// reader never sees half a page. An existing file is replaced only when it is a whole page this tool wrote
    /// (<see cref="IsOwnPage"/>); a folder or a symbolic link at <paramref name="path"/> is refused, never followed.
    /// </summary>
    /// <exception cref="OutputFolderException">
    /// The path is a folder or a symbolic link, its folder does not exist, the file exists and is not a page of this tool,
    /// or writing fails; the message names the path and what to do.
    /// </exception>
    public static void WriteFile(PlacementPlan plan, string stack, string nodesPath, string path)
    {
        if (Directory.Exists(path))
        {
            throw new OutputFolderException($"{path}: is a folder; --html needs a file name, e.g. {Path.Combine(path, "plan.html")}. Nothing was written.");
        }

        var folder = Path.GetDirectoryName(path) ?? ".";
        if (!Directory.Exists(folder))
        {
            throw new OutputFolderException($"{path}: the folder {folder} does not exist; nothing was written.");
        }

        var existing = new FileInfo(path);
        if (existing.LinkTarget is not null)
        {
            throw new OutputFolderException($"{path}: is a symbolic link (to {existing.LinkTarget}); nodeagents plan does not write through links. Give the target's own path. Nothing was written.");
        }

        if (existing.Exists && !IsOwnPage(path))
        {
            throw new OutputFolderException($"{path}: the file exists and is not a whole page written by nodeagents plan; it is left as it is. Choose another --html path.");
        }

        var temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            // CreateNew never opens an existing file or follows a link planted at the temporary name.
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            using (var writer = new StreamWriter(stream, new UTF8Encoding(false)))
            {
                writer.Write(Render(plan, stack, nodesPath));
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            try
            {
                File.Delete(temporary);
            }
            catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
            {
                // The temporary file could not be removed either; the message below is what matters.
            }

            throw new OutputFolderException($"{path}: cannot be written: {error.Message}");
        }
    }

    /// <summary>
    /// True when the file at <paramref name="path"/> is a whole page this tool wrote: <see cref="Generator"/> inside its
    /// <c>&lt;head&gt;</c> and <see cref="EndMarker"/> as its last line. Files over 64 MiB are never taken for a page.
    /// </summary>
    public static bool IsOwnPage(string path)
    {
        if (new FileInfo(path).Length > 64L << 20)
        {
            return false;
        }

        var text = File.ReadAllText(path);
        var headEnd = text.IndexOf("</head>", StringComparison.Ordinal);
        return headEnd > 0 && text.AsSpan(0, headEnd).Contains(Generator, StringComparison.Ordinal) && text.TrimEnd().EndsWith(EndMarker, StringComparison.Ordinal);
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
            .lands{background:#c9f2d0}.selector{background:#e6e8eb}.taint{background:#ffd8a8}.fit{background:#ffb3b3}.wontrun{background:#e599f7}.degraded{background:#fff3bf}.preempts{background:#ffc078}
            .legend span{display:inline-block;padding:.2rem .6rem;margin-right:.5rem;border:1px solid #d0d7de}
            li.error{color:#a40e26}li.warning{color:#7d4e00}
            </style></head><body>
            """);
        html.AppendLine($"<h1>Placement plan: stack <code>{E(stack)}</code></h1>");
        html.AppendLine($"<p>{E(PlanText.Summary(plan, stack, nodesPath))}</p>");
        html.AppendLine("<p class=\"legend\"><span class=\"lands\">lands</span><span class=\"selector\">excluded by selector / affinity</span><span class=\"taint\">blocked by a taint</span><span class=\"fit\">does not fit (Pending)</span><span class=\"preempts\">fits by preempting pods</span><span class=\"wontrun\">created, will not run (kernel, architecture)</span><span class=\"degraded\">runs degraded (container runtime)</span></p>");
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
                    PlacementOutcome.WillNotRun => decision.Degraded ? "degraded" : "wontrun",
                    PlacementOutcome.Preempts => "preempts",
                    _ => "fit",
                };
                html.Append($"<td class=\"cell {css}\" title=\"{E(decision.Reason)}\">{E(PlanText.Cell(decision))}");
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
                html.AppendLine($"<li class=\"{severity}\"><strong>{severity}</strong> ({PlanText.Kind(problem.Kind)}): {E(problem.Message)}</li>");
            }

            html.AppendLine("</ul>");
        }

        html.AppendLine("</body></html>").AppendLine(EndMarker);
        return html.ToString();
    }
}
