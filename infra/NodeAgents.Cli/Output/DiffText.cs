using NodeAgents.Diff;
using Spectre.Console;

namespace NodeAgents.Cli.Output;

/// <summary>The terminal form of <c>nodeagents diff</c>: the headline, a summary table, security changes, then each object's fields.</summary>
internal static class DiffText
{
    public static void Write(DiffReport report, DiffHeader header, TextWriter writer)
    {
        var console = Terminal.Over(writer);
        foreach (var line in DiffRows.Headline(report, header))
        {
            console.WriteLine(line);
        }

        if (!report.HasChanges)
        {
            return;
        }

        var table = new Table().AddColumns("object", "change", "impact");
        foreach (var (obj, change, impact) in DiffRows.Rows(report))
        {
            table.AddRow(Markup.Escape(obj), Markup.Escape(change), Markup.Escape(impact));
        }

        foreach (var impact in DiffRows.Indirect(report))
        {
            table.AddRow(Markup.Escape(impact.DaemonSet.ToString()), "unchanged", Markup.Escape($"{impact.Summary} (cause: {impact.Cause})"));
        }

        console.Write(table);
        if (report.Security.Count > 0)
        {
            console.WriteLine("Security-relevant changes:");
            foreach (var item in report.Security)
            {
                console.WriteLine($"  ! {item.Object}: {item.Message}");
            }
        }

        foreach (var change in report.Changes.Where(change => change.Fields.Count > 0))
        {
            console.WriteLine($"{change.Key}:");
            foreach (var field in change.Fields)
            {
                console.WriteLine($"  {field.Path}: {DiffRows.Short(field.Before)} → {DiffRows.Short(field.After)}");
            }
        }
    }
}
