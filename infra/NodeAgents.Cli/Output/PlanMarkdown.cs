using System.Text;
using NodeAgents.Placement;

namespace NodeAgents.Cli.Output;

/// <summary><c>nodeagents plan -o markdown</c>: a GitHub-flavoured table and the problems, for a pull-request comment.</summary>
internal static class PlanMarkdown
{
    public static string Write(PlacementPlan plan, string stack, string nodesPath)
    {
        var text = new StringBuilder();
        text.AppendLine($"### Placement plan: stack `{stack}`").AppendLine();
        text.Append("| group | nodes | os · roles · taints | ");
        text.Append(string.Join(" | ", plan.Agents.Select(agent => Escape(agent.Name))));
        text.AppendLine(" | allocatable cpu/mem/pods | agents cpu/mem/pods | agent tax | policy |");
        text.AppendLine("|" + string.Concat(Enumerable.Repeat("---|", plan.Agents.Count + 7)));
        foreach (var group in plan.Groups)
        {
            var cells = new List<string> { group.Id, $"{group.Nodes.Count}: {PlanText.Nodes(group.Nodes)}", group.Description };
            cells.AddRange(group.Decisions.Select(decision => decision.Outcome == PlacementOutcome.Lands ? "✅ lands" : $"{Icon(decision.Outcome)} {PlanText.Cell(decision)}"));
            cells.AddRange([PlanText.Amounts(group.Allocatable), PlanText.Amounts(group.AgentRequests), PlanText.Tax(group), PlanText.Policy(group)]);
            text.AppendLine("| " + string.Join(" | ", cells.Select(Escape)) + " |");
        }

        text.AppendLine().AppendLine("_" + PlanText.Legend + "_").AppendLine();
        var whyNot = PlanText.WhyNot(plan).ToList();
        if (whyNot.Count > 0)
        {
            text.AppendLine("**Why not**").AppendLine();
            foreach (var line in whyNot)
            {
                text.AppendLine("- " + Escape(line));
            }

            text.AppendLine();
        }

        if (plan.Problems.Count > 0)
        {
            text.AppendLine("**Problems**").AppendLine();
            foreach (var problem in plan.Problems)
            {
                text.AppendLine($"- **{(problem.Severity == PlanSeverity.Error ? "error" : "warning")}** ({PlanText.Kind(problem.Kind)}): {Escape(problem.Message)}");
            }

            text.AppendLine();
        }

        text.AppendLine(Inline(PlanText.Summary(plan, stack, nodesPath)));
        return text.ToString();
    }

    private static string Icon(PlacementOutcome outcome) => outcome switch
    {
        PlacementOutcome.ExcludedBySelector => "➖",
        PlacementOutcome.BlockedByTaint => "⛔",
        PlacementOutcome.WillNotRun => "💥",
        PlacementOutcome.Preempts => "⚠️",
        _ => "⏳",
    };

    /// <summary>Backslash-escapes the CommonMark punctuation that would format or inject HTML in running text (paths, names).</summary>
    private static string Inline(string text)
    {
        var escaped = new StringBuilder(text.Length + 8);
        foreach (var character in text.Replace("\n", " ", StringComparison.Ordinal))
        {
            if (character is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '|' or '&' or '#' or '!' or '~')
            {
                escaped.Append('\\');
            }

            escaped.Append(character);
        }

        return escaped.ToString();
    }

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
