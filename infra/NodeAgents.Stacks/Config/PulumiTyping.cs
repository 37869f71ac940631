using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace NodeAgents.Stacks.Config;

/// <summary>What the Pulumi CLI makes of a YAML scalar of a stack file.</summary>
public enum PulumiScalarKind
{
    /// <summary>A string, handed over as written.</summary>
    String,

    /// <summary>YAML null (<c>~</c>, <c>null</c>, nothing).</summary>
    Null,

    /// <summary>A boolean (<c>true</c>, <c>True</c>, <c>TRUE</c>, <c>false</c>, …).</summary>
    Boolean,

    /// <summary>An integer (decimal, <c>0x</c>, <c>0o</c>, <c>0b</c>, a leading <c>0</c> for octal, <c>_</c> separators).</summary>
    Integer,

    /// <summary>A floating-point number.</summary>
    Float,

    /// <summary>A timestamp (<c>2001-12-14</c>, <c>2001-12-14T21:59:43Z</c>), handed over as Go's time text.</summary>
    Timestamp,
}

/// <summary>
/// A scalar as the Pulumi program receives it from the Pulumi CLI.
/// </summary>
/// <param name="Kind">How the CLI typed it.</param>
/// <param name="Text">
/// The text the program receives for it: the string itself, or the JSON text of the typed value (<c>3.1</c> for
/// <c>3.10</c>, <c>1000</c> for <c>1e3</c>, <c>true</c> for <c>True</c>); null for a timestamp (Go's time text) and for a
/// value the CLI cannot hand over at all (<see cref="Unrepresentable"/>).
/// </param>
/// <param name="Unrepresentable">True for <c>.inf</c>, <c>-.inf</c> and <c>.nan</c>: Go's JSON encoder refuses them, so <c>pulumi up</c> fails.</param>
public sealed record PulumiScalar(PulumiScalarKind Kind, string? Text, bool Unrepresentable = false);

/// <summary>
/// The Pulumi CLI's typing of stack config, so that the offline commands read <c>Pulumi.&lt;stack&gt;.yaml</c> exactly as
/// <c>pulumi up</c> hands it to the program.
/// <para>
/// The CLI (pulumi/pulumi <c>sdk/go/common/workspace/loaders.go</c>, <c>LoadProjectStackBytes</c>) decodes the file with
/// gopkg.in/yaml.v3 v3.0.1 into untyped values, encodes that back to YAML and decodes it again into its config map; each
/// value becomes an <c>object</c> (<c>sdk/go/common/resource/config/object.go</c>, <c>unmarshalObject</c>), and reaches
/// the program as text: a plain scalar as its JSON text (<c>MarshalString</c>), a structured value as JSON
/// (<c>MarshalJSON</c>, Go's encoding/json).
/// </para>
/// <para>
/// yaml.v3 types a plain (unquoted, untagged) scalar as its <c>resolve.go</c> states: <c>true</c>/<c>True</c>/<c>TRUE</c>
/// and the <c>false</c> forms are booleans (not <c>yes</c>, <c>no</c>, <c>on</c>, <c>off</c>); <c>~</c>, <c>null</c>,
/// <c>Null</c>, <c>NULL</c> and nothing are null; <c>.inf</c>, <c>-.inf</c>, <c>.nan</c> (and their case forms) are
/// floats; a scalar starting with a digit or sign is a timestamp if it starts with <c>YYYY-</c> and parses as one, else an
/// integer as Go's <c>strconv.ParseInt(s, 0, 64)</c> reads it after removing every <c>_</c> (so <c>0x1F</c>, <c>0o17</c>,
/// <c>017</c> and <c>0b11</c> are integers), else an unsigned integer, else a float if it matches
/// <c>^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$</c>; one starting with <c>.</c> is a float if Go parses it.
/// Everything else, and every quoted or block scalar, is a string. The re-encoding writes a float as
/// <c>strconv.FormatFloat(f, 'g', -1, 64)</c> (yaml.v3 <c>encode.go</c>), which the second decoding types again:
/// <c>1e3</c> comes back as the integer <c>1000</c>.
/// </para>
/// </summary>
public static partial class PulumiTyping
{
    private const string StringTag = "tag:yaml.org,2002:str";

    /// <summary>How the Pulumi CLI hands over <paramref name="scalar"/> (a value, not a mapping key).</summary>
    public static PulumiScalar Read(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style is not (ScalarStyle.Plain or ScalarStyle.Any) || IsStringTag(scalar.Tag))
        {
            return new PulumiScalar(PulumiScalarKind.String, text);
        }

        var resolved = Resolve(text);
        if (resolved.Kind == PulumiScalarKind.Float)
        {
            // The CLI's second decoding reads the float as yaml.v3 wrote it ('g', shortest): 1e3 → "1000" → an integer.
            var written = FormatG(resolved.Number);
            resolved = double.IsFinite(resolved.Number) ? Resolve(written) : resolved;
        }

        return resolved.Kind switch
        {
            PulumiScalarKind.String => new PulumiScalar(PulumiScalarKind.String, text),
            PulumiScalarKind.Null => new PulumiScalar(PulumiScalarKind.Null, "null"),
            PulumiScalarKind.Boolean => new PulumiScalar(PulumiScalarKind.Boolean, resolved.Number != 0 ? "true" : "false"),
            PulumiScalarKind.Integer => new PulumiScalar(PulumiScalarKind.Integer, resolved.Integer.ToString(CultureInfo.InvariantCulture)),
            PulumiScalarKind.Timestamp => new PulumiScalar(PulumiScalarKind.Timestamp, null),
            _ => double.IsFinite(resolved.Number)
                ? new PulumiScalar(PulumiScalarKind.Float, JsonNumber(resolved.Number))
                : new PulumiScalar(PulumiScalarKind.Float, null, Unrepresentable: true),
        };
    }

    /// <summary>
    /// The key the CLI uses for a mapping key: yaml.v3 types it like a value, and a key that is not a string is turned
    /// into text with Go's <c>fmt.Sprintf("%v")</c> (<c>object.go</c>, <c>unmarshalObject</c>: <c>map[any]any</c>), so an
    /// unquoted <c>3.10:</c> becomes the key <c>3.1</c> and <c>~:</c> the key <c>&lt;nil&gt;</c>.
    /// </summary>
    public static string KeyText(YamlScalarNode key)
    {
        var text = key.Value ?? "";
        if (key.Style is not (ScalarStyle.Plain or ScalarStyle.Any) || IsStringTag(key.Tag))
        {
            return text;
        }

        var resolved = Resolve(text);
        return resolved.Kind switch
        {
            PulumiScalarKind.Null => "<nil>",
            PulumiScalarKind.Boolean => resolved.Number != 0 ? "true" : "false",
            PulumiScalarKind.Integer => resolved.Integer.ToString(CultureInfo.InvariantCulture),
            PulumiScalarKind.Float => FormatG(resolved.Number),
            _ => text,
        };
    }

    /// <summary>
    /// The problem with binding <paramref name="scalar"/> where a string is expected, or null when the program receives
    /// exactly what is written. Names the value the CLI hands over and asks for quotes.
    /// </summary>
    public static string? StringProblem(YamlScalarNode scalar)
    {
        var read = Read(scalar);
        var text = scalar.Value ?? "";
        if (read.Kind == PulumiScalarKind.String || read.Text == text)
        {
            return null;
        }

        var quoted = "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
        var what = read.Kind switch
        {
            PulumiScalarKind.Boolean => $"the boolean {read.Text}",
            PulumiScalarKind.Timestamp => "a timestamp, handed over as Go's time text",
            PulumiScalarKind.Null => "null",
            _ when read.Unrepresentable => "a number JSON cannot carry, which fails pulumi up",
            _ => $"the number {read.Text}",
        };
        return $"the Pulumi CLI reads the unquoted {text} as {what}, so pulumi up would not get '{text}'; quote it: {quoted}";
    }

    private static bool IsStringTag(TagName tag) => !tag.IsEmpty && tag.Value is "!!str" or StringTag or "!";

    /// <summary>yaml.v3 <c>resolve()</c> for an untagged plain scalar.</summary>
    private static (PulumiScalarKind Kind, BigInteger Integer, double Number) Resolve(string text)
    {
        switch (text)
        {
            case "true" or "True" or "TRUE":
                return (PulumiScalarKind.Boolean, 0, 1);
            case "false" or "False" or "FALSE":
                return (PulumiScalarKind.Boolean, 0, 0);
            case "" or "~" or "null" or "Null" or "NULL":
                return (PulumiScalarKind.Null, 0, 0);
            case ".nan" or ".NaN" or ".NAN":
                return (PulumiScalarKind.Float, 0, double.NaN);
            case ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF":
                return (PulumiScalarKind.Float, 0, double.PositiveInfinity);
            case "-.inf" or "-.Inf" or "-.INF":
                return (PulumiScalarKind.Float, 0, double.NegativeInfinity);
        }

        var first = text[0];
        if (first == '.')
        {
            // Go's strconv.ParseFloat; out of range (±Inf with an error) is not a float.
            return DotFloat().IsMatch(text) && ParseFinite(text) is { } dotted ? (PulumiScalarKind.Float, 0, dotted) : (PulumiScalarKind.String, 0, 0);
        }

        if (!(char.IsAsciiDigit(first) || first is '+' or '-'))
        {
            return (PulumiScalarKind.String, 0, 0);
        }

        if (IsTimestamp(text))
        {
            return (PulumiScalarKind.Timestamp, 0, 0);
        }

        var plain = text.Replace("_", "", StringComparison.Ordinal);
        if (GoParseInteger(plain) is { } integer)
        {
            return (PulumiScalarKind.Integer, integer, 0);
        }

        return YamlStyleFloat().IsMatch(plain) && ParseFinite(plain) is { } number
            ? (PulumiScalarKind.Float, 0, number)
            : (PulumiScalarKind.String, 0, 0);
    }

    /// <summary>
    /// Go's <c>strconv.ParseInt(s, 0, 64)</c>, then <c>ParseUint(s, 0, 64)</c>: an optional sign (ParseInt only), a base
    /// prefix <c>0x</c>, <c>0o</c>, <c>0b</c> (either case) or a leading <c>0</c> for octal, at least one digit; null
    /// when neither accepts it (out of the int64 and uint64 ranges included).
    /// </summary>
    private static BigInteger? GoParseInteger(string text)
    {
        var negative = text.StartsWith('-');
        var signed = negative || text.StartsWith('+');
        var body = signed ? text[1..] : text;
        var (radix, digits) = body.Length > 1 && body[0] == '0'
            ? char.ToLowerInvariant(body[1]) switch
            {
                'x' => (16, body[2..]),
                'o' => (8, body[2..]),
                'b' => (2, body[2..]),
                _ => (8, body[1..]),
            }
            : (10, body);
        if (digits.Length == 0)
        {
            return null;
        }

        BigInteger value = 0;
        foreach (var c in digits)
        {
            var digit = char.IsAsciiDigit(c) ? c - '0' : char.IsAsciiLetter(c) ? char.ToLowerInvariant(c) - 'a' + 10 : 99;
            if (digit >= radix)
            {
                return null;
            }

            value = (value * radix) + digit;
        }

        value = negative ? -value : value;
        return value >= long.MinValue && value <= long.MaxValue ? value
            : !signed && value <= ulong.MaxValue ? value
            : null;
    }

    private static double? ParseFinite(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number) ? number : null;

    /// <summary>yaml.v3 <c>parseTimestamp</c>: starts with four digits and <c>-</c>, and parses in one of its layouts.</summary>
    private static bool IsTimestamp(string text)
    {
        var match = Timestamp().Match(text);
        if (!match.Success)
        {
            return false;
        }

        int Part(string name) => match.Groups[name].Success ? int.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture) : 0;
        var year = Part("year");
        var month = Part("month");
        var day = Part("day");
        return month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(Math.Max(1, year), month)
            && Part("hour") <= 23 && Part("minute") <= 59 && Part("second") <= 59;
    }

    /// <summary>Go's <c>strconv.FormatFloat(f, 'g', -1, 64)</c> (what yaml.v3 writes for a float), special values as yaml.v3 writes them.</summary>
    private static string FormatG(double value)
    {
        if (double.IsNaN(value))
        {
            return ".nan";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? ".inf" : "-.inf";
        }

        var (negative, digits, pointAt) = ShortestDigits(value);
        var exponent = pointAt - 1;
        // Go: %e when the exponent is < -4 or >= the precision, which is 6 for the shortest representation.
        return (negative ? "-" : "") + (exponent < -4 || exponent >= 6 ? Scientific(digits, exponent, 2) : Fixed(digits, pointAt));
    }

    /// <summary>Go's encoding/json for a float64: fixed notation, or <c>e</c> notation below 1e-6 or from 1e21, <c>e-07</c> shortened to <c>e-7</c>.</summary>
    private static string JsonNumber(double value)
    {
        var (negative, digits, pointAt) = ShortestDigits(value);
        var magnitude = Math.Abs(value);
        var text = magnitude != 0 && (magnitude < 1e-6 || magnitude >= 1e21)
            ? Scientific(digits, pointAt - 1, 1)
            : Fixed(digits, pointAt);
        return (negative ? "-" : "") + text;
    }

    /// <summary>The shortest round-trip decimal digits of <paramref name="value"/> and where the decimal point goes.</summary>
    private static (bool Negative, string Digits, int PointAt) ShortestDigits(double value)
    {
        var shortest = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        // "R" gives the shortest digits that round-trip, in either fixed or E notation; normalise both to digits + exponent.
        var mantissa = shortest;
        var exponent = 0;
        var e = shortest.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            mantissa = shortest[..e];
            exponent = int.Parse(shortest[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        }

        var point = mantissa.IndexOf('.', StringComparison.Ordinal);
        var integerPart = point < 0 ? mantissa : mantissa[..point];
        var fraction = point < 0 ? "" : mantissa[(point + 1)..];
        var all = (integerPart + fraction).TrimStart('0');
        var leadingZeros = (integerPart + fraction).Length - all.Length;
        var pointAt = integerPart.Length - leadingZeros + exponent;
        all = all.TrimEnd('0');
        return (value < 0 || (value == 0 && double.IsNegative(value)), all.Length == 0 ? "0" : all, all.Length == 0 ? 1 : pointAt);
    }

    private static string Fixed(string digits, int pointAt)
    {
        if (pointAt <= 0)
        {
            return "0." + new string('0', -pointAt) + digits;
        }

        return pointAt >= digits.Length ? digits + new string('0', pointAt - digits.Length) : digits[..pointAt] + "." + digits[pointAt..];
    }

    private static string Scientific(string digits, int exponent, int minimumExponentDigits)
    {
        var mantissa = digits.Length == 1 ? digits : digits[..1] + "." + digits[1..];
        var magnitude = Math.Abs(exponent).ToString(CultureInfo.InvariantCulture).PadLeft(minimumExponentDigits, '0');
        return mantissa + "e" + (exponent < 0 ? "-" : "+") + magnitude;
    }

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex YamlStyleFloat();

    [GeneratedRegex(@"^\.[0-9]+([eE][-+]?[0-9]+)?$")]
    private static partial Regex DotFloat();

    // yaml.v3 allowedTimestampFormats: "2006-1-2T15:4:5.999999999Z07:00", the same with "t", "2006-1-2 15:4:5.999999999", "2006-1-2".
    [GeneratedRegex(@"^(?<year>[0-9]{4})-(?<month>[0-9]{1,2})-(?<day>[0-9]{1,2})(?:(?:[Tt](?<hour>[0-9]{1,2}):(?<minute>[0-9]{1,2}):(?<second>[0-9]{1,2})(?:\.[0-9]{1,9})?(?:Z|[+-][0-9]{2}:[0-9]{2}))|(?: (?<hour>[0-9]{1,2}):(?<minute>[0-9]{1,2}):(?<second>[0-9]{1,2})(?:\.[0-9]{1,9})?))?$")]
    private static partial Regex Timestamp();
}
