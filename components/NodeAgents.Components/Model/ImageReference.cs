using System.Text.RegularExpressions;

namespace NodeAgents.Model;

/// <summary>
/// A container image reference: <c>repository[:tag][@digest]</c>, e.g.
/// <c>quay.io/prometheus/node-exporter:v1.8.2@sha256:…</c>.
/// At least one of <see cref="Tag"/> and <see cref="Digest"/> is set; a digest pins the image
/// (the kubelet pulls exactly that content whatever the tag points to).
/// </summary>
/// <param name="Repository">Registry host and path, e.g. <c>cr.fluentbit.io/fluent/fluent-bit</c>.</param>
/// <param name="Tag">The tag, e.g. <c>3.2.2</c>; null when only a digest is given.</param>
/// <param name="Digest">The content digest <c>sha256:</c> followed by 64 lower-case hex digits; null when unpinned.</param>
public sealed partial record ImageReference(string Repository, string? Tag = null, string? Digest = null)
{
    /// <summary>True when the image is pinned by a digest.</summary>
    public bool IsPinned => Digest is not null;

    /// <summary>
    /// The version recorded in the <c>app.kubernetes.io/version</c> label: the tag, else the first
    /// 12 hex digits of the digest. Never part of a selector.
    /// </summary>
    public string Version => Tag ?? Digest![(Digest!.IndexOf(':') + 1)..][..12];

    /// <summary>A short form for tables: the reference with the digest cut to its first 12 hex digits and an ellipsis.</summary>
    public string ToShortString() => Digest is null ? ToString() : ToString()[..(ToString().Length - Digest.Length + "sha256:".Length + 12)] + "…";

    /// <summary>The reference as the container runtime reads it: <c>repository[:tag][@digest]</c>.</summary>
    public override string ToString() =>
        Repository + (Tag is null ? "" : ":" + Tag) + (Digest is null ? "" : "@" + Digest);

    /// <summary>
    /// Parses <c>repository[:tag][@digest]</c>. A colon after the last slash separates the tag,
    /// so registry ports (<c>localhost:5000/x</c>) are kept in the repository.
    /// </summary>
    /// <exception cref="FormatException">The text is empty, has neither tag nor digest, or the digest or tag is malformed.</exception>
    public static ImageReference Parse(string text)
    {
        var problems = Check(text, out var image);
        return problems.Count == 0 ? image! : throw new FormatException(string.Join("; ", problems));
    }

    /// <summary>
    /// Checks an image reference the way <see cref="Parse"/> reads it and returns every problem
    /// (empty when valid); follows the OCI distribution reference grammar for tags and digests.
    /// </summary>
    public static IReadOnlyList<string> Check(string text, out ImageReference? image)
    {
        image = null;
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(text))
        {
            problems.Add("an image reference must not be empty");
            return problems;
        }

        string rest = text;
        string? digest = null;
        var at = rest.IndexOf('@');
        if (at >= 0)
        {
            digest = rest[(at + 1)..];
            rest = rest[..at];
        }

        string? tag = null;
        var colon = rest.LastIndexOf(':');
        if (colon > rest.LastIndexOf('/'))
        {
            tag = rest[(colon + 1)..];
            rest = rest[..colon];
        }

        problems.AddRange(CheckParts(rest, tag, digest));
        if (problems.Count == 0)
        {
            image = new ImageReference(rest, tag, digest);
        }

        return problems;
    }

    /// <summary>Checks the three parts; returns every problem found (empty when valid).</summary>
    public static IReadOnlyList<string> CheckParts(string? repository, string? tag, string? digest)
    {
        var problems = new List<string>();
        if (string.IsNullOrEmpty(repository) || !RepositoryPattern().IsMatch(repository))
        {
            problems.Add($"repository '{repository}' must be lower-case path components separated by '/', optionally after a registry host");
        }

        if (tag is not null && !TagPattern().IsMatch(tag))
        {
            problems.Add($"tag '{tag}' must be 1 to 128 of [A-Za-z0-9_.-], not starting with '.' or '-'");
        }

        if (digest is not null && !DigestPattern().IsMatch(digest))
        {
            problems.Add($"digest '{digest}' must be 'sha256:' followed by 64 lower-case hex digits");
        }

        if (tag is null && digest is null)
        {
            problems.Add("an image needs a tag or a digest (':latest' is never implied)");
        }

        return problems;
    }

    [GeneratedRegex("^[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(/[a-z0-9]+([._-]{1,2}[a-z0-9]+)*)*$")]
    private static partial Regex RepositoryPattern();

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex TagPattern();

    [GeneratedRegex("^sha256:[a-f0-9]{64}$")]
    private static partial Regex DigestPattern();
}
