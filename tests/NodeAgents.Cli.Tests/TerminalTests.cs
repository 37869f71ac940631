using NodeAgents.Cli.Output;
using Spectre.Console;

namespace NodeAgents.Cli.Tests;

public class TerminalTests
{
    private static Table Agents() => new Table().Border(TableBorder.Rounded)
        .AddColumns("agent", "role", "namespace", "image", "node selection", "update strategy", "requests", "limits")
        .AddRow("fluent-bit", "logging", "node-agents", "cr.fluentbit.io/fluent/fluent-bit:3.2.10@sha256:d6dec000c492…",
            "kubernetes.io/os=linux, affinity: 1 term(s), tolerates every taint", "RollingUpdate maxUnavailable 10%", "cpu 100m memory 128Mi", "memory 256Mi")
        .AddRow("falco", "security", "node-agents", "docker.io/falcosecurity/falco:0.44.1@sha256:d0cfe422d6ac…",
            "kubernetes.io/os=linux", "RollingUpdate maxUnavailable 10%", "cpu 200m memory 512Mi", "cpu 1 memory 1Gi");

    private static string[] Lines(int width, Table table)
    {
        using var writer = new StringWriter();
        Terminal.Write(Terminal.Over(writer, width), table);
        return writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    [Fact]
    public void A_table_too_wide_for_80_columns_becomes_a_list_whose_lines_fit()
    {
        var lines = Lines(80, Agents());

        Assert.All(lines, line => Assert.True(line.Length <= 80, $"{line.Length} columns: {line}"));
        Assert.Equal("fluent-bit", lines[0]);
        Assert.Equal("  image: cr.fluentbit.io/fluent/fluent-bit:3.2.10@sha256:d6dec000c492…", lines[3]);
        Assert.Equal("  node selection: kubernetes.io/os=linux, affinity: 1 term(s), tolerates every", lines[4]);
        Assert.Equal("      taint", lines[5]);
        Assert.Contains("falco", lines);
        Assert.Contains("  limits: cpu 1 memory 1Gi", lines);
    }

    [Fact]
    public void A_table_that_fits_with_wrapped_cells_stays_a_table()
    {
        var lines = Lines(Terminal.DefaultWidth, Agents());

        Assert.StartsWith("╭", lines[0]);
        Assert.Contains(lines, line => line.StartsWith("│ fluent-bit ", StringComparison.Ordinal));
        Assert.All(lines, line => Assert.True(line.TrimEnd('\r').Length <= Terminal.DefaultWidth));
    }

    [Fact]
    public void Writers_other_than_the_process_streams_get_the_default_width()
    {
        Assert.Equal(Terminal.DefaultWidth, Terminal.WidthOf(new StringWriter()));
    }

    [Fact]
    public void Wrap_breaks_at_spaces_and_keeps_a_long_word_whole()
    {
        Assert.Equal(["  a: one two", "      three", "      averyveryverylongword"], Terminal.Wrap("  a: one two three averyveryverylongword", 12, "      "));
    }
}
