using System.Diagnostics;
using System.IO.Compression;
using System.Xml.Linq;

namespace NodeAgents.Tests.Shared;

/// <summary>Packs a project of the repository (already built in Release) and reads the package's manifest and file list.</summary>
public static class Packages
{
    /// <summary>The nuspec (as XML) and the entry names of the package <c>dotnet pack --no-build</c> makes of <paramref name="project"/>.</summary>
    public static (XElement Metadata, IReadOnlyList<string> Entries) Pack(string project)
    {
        var output = Path.Combine(Path.GetTempPath(), "nodeagents-pack-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var start = new ProcessStartInfo("dotnet", ["pack", Path.Combine(RepoPaths.Root, project), "-c", "Release", "--no-build", "-o", output, "-nologo"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("dotnet pack took over 3 minutes");
            }

            Assert.True(process.ExitCode == 0, stdout.Result + stderr.Result);
            var package = Assert.Single(Directory.GetFiles(output, "*.nupkg"), file => !file.EndsWith(".symbols.nupkg", StringComparison.Ordinal));
            using var zip = ZipFile.OpenRead(package);
            var nuspec = zip.Entries.Single(entry => entry.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
            using var stream = nuspec.Open();
            var metadata = XDocument.Load(stream).Root!.Elements().Single(element => element.Name.LocalName == "metadata");
            return (metadata, zip.Entries.Select(entry => entry.FullName).ToList());
        }
        finally
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }

    /// <summary>The text of the metadata element <paramref name="name"/>, or null.</summary>
    public static string? Value(XElement metadata, string name) => metadata.Elements().SingleOrDefault(element => element.Name.LocalName == name)?.Value;
}
