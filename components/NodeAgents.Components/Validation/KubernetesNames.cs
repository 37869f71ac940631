using System.Text.RegularExpressions;

namespace NodeAgents.Validation;

/// <summary>
/// The name formats of k8s.io/apimachinery pkg/util/validation (IsDNS1123Label, IsDNS1035Label, IsDNS1123Subdomain, IsQualifiedName,
/// IsValidLabelValue, IsValidPortName, IsEnvVarName, IsConfigMapKey) and pkg/api/validation/path (IsValidPathSegmentName).
/// Each check returns null when the text is valid, else the reason.
/// </summary>
internal static partial class KubernetesNames
{
    public const int LabelMaxLength = 63;
    public const int SubdomainMaxLength = 253;
    public const int PortNameMaxLength = 15;

    /// <summary>RFC 1123 label: at most 63 lower-case alphanumerics or '-', starting and ending alphanumeric.</summary>
    public static string? Dns1123Label(string? text) =>
        string.IsNullOrEmpty(text) ? "must not be empty"
        : text.Length > LabelMaxLength ? $"must be no more than {LabelMaxLength} characters"
        : Dns1123LabelPattern().IsMatch(text) ? null
        : "must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (RFC 1123 label)";

    /// <summary>RFC 1035 label (Service names): at most 63 lower-case alphanumerics or '-', starting with a letter, ending alphanumeric.</summary>
    public static string? Dns1035Label(string? text) =>
        string.IsNullOrEmpty(text) ? "must not be empty"
        : text.Length > LabelMaxLength ? $"must be no more than {LabelMaxLength} characters"
        : Dns1035LabelPattern().IsMatch(text) ? null
        : "must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (RFC 1035 label)";

    /// <summary>RFC 1123 subdomain: at most 253 characters, dot-separated RFC 1123 labels.</summary>
    public static string? Dns1123Subdomain(string? text) =>
        string.IsNullOrEmpty(text) ? "must not be empty"
        : text.Length > SubdomainMaxLength ? $"must be no more than {SubdomainMaxLength} characters"
        : Dns1123SubdomainPattern().IsMatch(text) ? null
        : "must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (RFC 1123 subdomain)";

    /// <summary>A path segment name (RBAC objects): not <c>.</c> or <c>..</c>, no <c>/</c> or <c>%</c>.</summary>
    public static string? PathSegmentName(string? text) =>
        string.IsNullOrEmpty(text) ? "must not be empty"
        : text is "." or ".." ? $"may not be '{text}'"
        : text.Contains('/', StringComparison.Ordinal) || text.Contains('%', StringComparison.Ordinal) ? "may not contain '/' or '%'"
        : null;

    /// <summary>A qualified name (label and annotation keys): an optional DNS-subdomain prefix and '/', then a name of at most 63 characters.</summary>
    public static string? QualifiedName(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "must not be empty";
        }

        var parts = text.Split('/');
        string name;
        if (parts.Length == 1)
        {
            name = parts[0];
        }
        else if (parts.Length == 2)
        {
            if (parts[0].Length == 0)
            {
                return "prefix part must not be empty";
            }

            if (Dns1123Subdomain(parts[0]) is { } prefixError)
            {
                return "prefix part " + prefixError;
            }

            name = parts[1];
        }
        else
        {
            return "a qualified name must consist of an optional DNS subdomain prefix and '/', then a name";
        }

        return name.Length == 0 ? "name part must not be empty"
            : name.Length > LabelMaxLength ? $"name part must be no more than {LabelMaxLength} characters"
            : QualifiedNamePattern().IsMatch(name) ? null
            : "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    }

    /// <summary>A label value: empty, or at most 63 alphanumerics, '-', '_' or '.', starting and ending alphanumeric.</summary>
    public static string? LabelValue(string? text) =>
        string.IsNullOrEmpty(text) ? null
        : text.Length > LabelMaxLength ? $"must be no more than {LabelMaxLength} characters"
        : QualifiedNamePattern().IsMatch(text) ? null
        : "must be empty or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

    /// <summary>An IANA service name (port names): 1 to 15 of [a-z0-9-], at least one letter, no leading, trailing or double '-'.</summary>
    public static string? PortName(string? text) =>
        string.IsNullOrEmpty(text) ? "must not be empty"
        : text.Length > PortNameMaxLength ? $"must be no more than {PortNameMaxLength} characters"
        : !PortNameCharsPattern().IsMatch(text) ? "must contain only lower-case alphanumeric characters (a-z, 0-9) and '-'"
        : !text.Any(char.IsAsciiLetterLower) ? "must contain at least one letter (a-z)"
        : text.Contains("--", StringComparison.Ordinal) ? "must not contain consecutive hyphens"
        : text.StartsWith('-') || text.EndsWith('-') ? "must not begin or end with a hyphen"
        : null;

    /// <summary>An environment variable name: a letter, '_', '-' or '.', then letters, digits, '_', '-' or '.'.</summary>
    public static string? EnvVarName(string? text) =>
        string.IsNullOrEmpty(text) ? "must not be empty"
        : EnvVarPattern().IsMatch(text) ? null
        : "must consist of alphabetic characters, digits, '_', '-' or '.', and must not start with a digit";

    /// <summary>A ConfigMap key: at most 253 alphanumerics, '-', '_' or '.', not <c>.</c>, <c>..</c> or starting with <c>..</c>.</summary>
    public static string? ConfigMapKey(string? text) =>
        string.IsNullOrEmpty(text) ? "must not be empty"
        : text.Length > SubdomainMaxLength ? $"must be no more than {SubdomainMaxLength} characters"
        : !ConfigMapKeyPattern().IsMatch(text) ? "must consist of alphanumeric characters, '-', '_' or '.'"
        : text == "." ? "must not be '.'"
        : text == ".." ? "must not be '..'"
        : text.StartsWith("..", StringComparison.Ordinal) ? "must not start with '..'"
        : null;

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Dns1123LabelPattern();

    [GeneratedRegex("^[a-z]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Dns1035LabelPattern();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Dns1123SubdomainPattern();

    [GeneratedRegex("^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$")]
    private static partial Regex QualifiedNamePattern();

    [GeneratedRegex("^[-a-z0-9]+$")]
    private static partial Regex PortNameCharsPattern();

    [GeneratedRegex("^[-._a-zA-Z][-._a-zA-Z0-9]*$")]
    private static partial Regex EnvVarPattern();

    [GeneratedRegex("^[-._a-zA-Z0-9]+$")]
    private static partial Regex ConfigMapKeyPattern();
}
