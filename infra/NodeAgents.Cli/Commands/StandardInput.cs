using NodeAgents.Input;

namespace NodeAgents.Cli.Commands;

/// <summary>
/// <c>-</c> and <c>/dev/stdin</c> as an input path: standard input is read whole (at most <see cref="MaxBytes"/>
/// characters, so an endless stream ends in one problem) into a temporary file, which the readers then treat like any file,
/// and which is deleted on dispose.
/// </summary>
internal sealed class StandardInput : IDisposable
{
    /// <summary>The most read from standard input: 1 GiB.</summary>
    public const long MaxBytes = 1L << 30;

    private readonly string? temporary;

    private StandardInput(string path, string? temporary)
    {
        Path = path;
        this.temporary = temporary;
    }

    /// <summary>The path to read: the path given, or the temporary copy of standard input.</summary>
    public string Path { get; }

    /// <summary>True for the paths that name standard input.</summary>
    public static bool Names(string path) => path is "-" or "/dev/stdin";

    /// <summary>Materializes <paramref name="path"/> when it names standard input; <paramref name="display"/> names it in problems.</summary>
    /// <exception cref="InputException">Standard input is longer than <see cref="MaxBytes"/>.</exception>
    public static StandardInput Open(string path, string display)
    {
        if (!Names(path))
        {
            return new StandardInput(path, null);
        }

        var file = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"nodeagents-stdin-{Guid.NewGuid():N}{(display.Contains("yaml", StringComparison.Ordinal) ? ".yaml" : ".json")}");
        try
        {
            using var writer = new StreamWriter(file);
            var buffer = new char[1 << 16];
            long total = 0;
            int read;
            while ((read = Console.In.Read(buffer, 0, buffer.Length)) > 0)
            {
                total += read;
                if (total > MaxBytes)
                {
                    throw new InputException([new InputProblem(display, "", $"standard input is longer than {MaxBytes:N0} characters, the most read")]);
                }

                writer.Write(buffer, 0, read);
            }
        }
        catch
        {
            File.Delete(file);
            throw;
        }

        return new StandardInput(file, file);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (temporary is not null)
        {
            File.Delete(temporary);
        }
    }
}
