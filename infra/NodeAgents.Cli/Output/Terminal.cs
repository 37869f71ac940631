using Spectre.Console;

namespace NodeAgents.Cli.Output;

/// <summary>A Spectre.Console console over a <see cref="TextWriter"/>: plain text, no colours, wide enough for tables.</summary>
internal static class Terminal
{
    public static IAnsiConsole Over(TextWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(writer),
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 200;
        return console;
    }
}
