using Spectre.Console;
using Spectre.Console.Rendering;

namespace NodeAgents.Cli.Output;

/// <summary>
/// A Spectre.Console console over a <see cref="TextWriter"/>: plain text, no colours, as wide as the terminal it prints to.
/// Tables that cannot fit that width even with their cells wrapped are printed as a list instead (one block per row).
/// Machine formats (<c>-o json|markdown</c>, files) never go through here.
/// </summary>
internal static class Terminal
{
    /// <summary>The width used when the output is not a terminal (a pipe, a file, a test's writer).</summary>
    public const int DefaultWidth = 200;

    /// <summary>A console over <paramref name="writer"/>, <see cref="WidthOf"/> columns wide.</summary>
    public static IAnsiConsole Over(TextWriter writer) => Over(writer, WidthOf(writer));

    /// <summary>A console over <paramref name="writer"/>, <paramref name="width"/> columns wide.</summary>
    public static IAnsiConsole Over(TextWriter writer, int width)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(writer),
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = width;
        return console;
    }

    /// <summary>
    /// The columns available on <paramref name="writer"/>: for the process's stdout or stderr, <c>COLUMNS</c> when set, else
    /// the terminal's width when it is one; <see cref="DefaultWidth"/> otherwise (never below 40).
    /// </summary>
    public static int WidthOf(TextWriter writer)
    {
        var stdout = writer == Console.Out;
        if (!stdout && writer != Console.Error)
        {
            return DefaultWidth;
        }

        if (int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), out var columns) && columns > 0)
        {
            return Math.Max(40, columns);
        }

        if (stdout ? Console.IsOutputRedirected : Console.IsErrorRedirected)
        {
            return DefaultWidth;
        }

        try
        {
            return Console.WindowWidth > 0 ? Math.Max(40, Console.WindowWidth) : DefaultWidth;
        }
        catch (Exception error) when (error is IOException or PlatformNotSupportedException or InvalidOperationException)
        {
            return DefaultWidth;
        }
    }

    /// <summary>
    /// Writes <paramref name="table"/> when it fits the console's width with its cells wrapped at spaces; otherwise a list:
    /// per row, the first cell on its own line, then <c>  header: cell</c> for every other column.
    /// </summary>
    public static void Write(IAnsiConsole console, Table table)
    {
        var width = console.Profile.Width;
        if (((IRenderable)table).Measure(RenderOptions.Create(console, console.Profile.Capabilities), width).Min <= width)
        {
            console.Write(table);
            return;
        }

        var headers = table.Columns.Select(column => Text(column.Header)).ToList();
        var writer = console.Profile.Out.Writer;
        foreach (var row in table.Rows)
        {
            var cells = row.Select(Text).ToList();
            writer.WriteLine(cells[0]);
            for (var index = 1; index < cells.Count; index++)
            {
                foreach (var line in Wrap($"  {headers[index]}: {cells[index].Replace('\n', ' ')}", width, "      "))
                {
                    writer.WriteLine(line);
                }
            }
        }
    }

    /// <summary>Breaks <paramref name="text"/> at spaces into lines of at most <paramref name="width"/> columns (a longer word keeps its own line).</summary>
    internal static IEnumerable<string> Wrap(string text, int width, string indent)
    {
        var line = new System.Text.StringBuilder();
        var leading = text.Length - text.TrimStart(' ').Length;
        line.Append(' ', leading);
        foreach (var word in text[leading..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > leading && line.Length + 1 + word.Length > width)
            {
                yield return line.ToString();
                line.Clear().Append(indent);
                leading = indent.Length;
            }

            line.Append(line.Length > leading ? " " : "").Append(word);
        }

        yield return line.ToString();
    }

    /// <summary>A cell's plain text, rendered without any width limit.</summary>
    private static string Text(IRenderable renderable)
    {
        using var text = new StringWriter();
        Over(text, int.MaxValue / 2).Write(renderable);
        return text.ToString().TrimEnd().Replace("\r\n", "\n", StringComparison.Ordinal);
    }
}
