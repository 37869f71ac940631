using NodeAgents.Placement;
using Spectre.Console;

namespace NodeAgents.Cli.Output;

/// <summary>The terminal output of <c>nodeagents plan</c>: one row per node group, one column per agent, then the problems.</summary>
internal static class PlanTable
{
    /// <summary>The most groups one table holds: more are written as further tables of the same columns, so Spectre.Console
    /// lays out and holds at most this many rows at a time (20,000 distinct node shapes would otherwise take 700 MB).</summary>
    public const int RowsPerTable = 1000;

    public static void Write(PlacementPlan plan, string stack, string nodesPath, TextWriter writer)
    {
        var console = Terminal.Over(writer);
        for (var start = 0; start < plan.Groups.Count || start == 0; start += RowsPerTable)
        {
            Terminal.Write(console, Table(plan, plan.Groups.Skip(start).Take(RowsPerTable)));
        }

        // Only the table goes through Spectre.Console; the lines below are written as they are, never wrapped, for CI logs.
        writer.WriteLine(PlanText.Legend);
        foreach (var line in PlanText.WhyNot(plan))
        {
            writer.WriteLine("why not: " + line);
        }

        foreach (var problem in plan.Problems)
        {
            writer.WriteLine($"{(problem.Severity == PlanSeverity.Error ? "error" : "warning")}: {problem.Message}");
        }

        writer.WriteLine(PlanText.Summary(plan, stack, nodesPath));
    }

    private static Table Table(PlacementPlan plan, IEnumerable<NodeGroup> groups)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumns("group", "nodes", "os · roles · taints");
        foreach (var agent in plan.Agents)
        {
            table.AddColumn(Markup.Escape(agent.Name));
        }

        table.AddColumns("allocatable cpu/mem/pods", "agents cpu/mem/pods", "agent tax", "policy");
        foreach (var group in groups)
        {
            var cells = new List<string> { group.Id, $"{group.Nodes.Count}: {PlanText.Nodes(group.Nodes)}", group.Description };
            cells.AddRange(group.Decisions.Select(PlanText.Cell));
            cells.AddRange([PlanText.Amounts(group.Allocatable), PlanText.Amounts(group.AgentRequests), PlanText.Tax(group), PlanText.Policy(group)]);
            table.AddRow(cells.Select(Markup.Escape).ToArray());
        }

        return table;
    }
}
