using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Durq.Testing;

/// <summary>
/// A strict parser of the Prometheus text exposition format (version 0.0.4): every line is a <c># HELP</c>, a
/// <c># TYPE</c>, another comment, a blank line or a sample, or parsing fails with the line. A family's samples follow
/// its <c># TYPE</c>, under its name (a histogram's under <c>_bucket</c>, <c>_sum</c> and <c>_count</c>); a family is
/// declared once; label names are valid and unique; label values use only the format's escapes; a histogram's
/// buckets rise to a <c>+Inf</c> bucket equal to its count.
/// </summary>
public sealed partial class PrometheusText
{
    private static readonly string[] Types = ["counter", "gauge", "histogram", "summary", "untyped"];

    private readonly Dictionary<string, PrometheusFamily> _families = new(StringComparer.Ordinal);

    private PrometheusText()
    {
    }

    public IReadOnlyDictionary<string, PrometheusFamily> Families => _families;

    /// <summary>The family named <paramref name="name"/>; fails the test when it is missing.</summary>
    public PrometheusFamily this[string name] =>
        _families.TryGetValue(name, out var family) ? family : throw new KeyNotFoundException($"No metric family '{name}' in the exposition.");

    /// <summary>The value of the one sample named <paramref name="sample"/> with all of <paramref name="labels"/>, or null when none has them.</summary>
    public double? Value(string sample, params (string Name, string Value)[] labels)
    {
        var found = _families.Values.SelectMany(f => f.Samples)
            .Where(s => s.Name == sample && labels.All(l => s.Labels.TryGetValue(l.Name, out var v) && v == l.Value))
            .ToList();
        return found.Count switch
        {
            0 => null,
            1 => found[0].Value,
            _ => throw new InvalidOperationException($"{found.Count} samples of '{sample}' match; name more labels."),
        };
    }

    public static PrometheusText Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parsed = new PrometheusText();
        PrometheusFamily? current = null;
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            try
            {
                current = parsed.Read(line, current);
            }
            catch (FormatException error)
            {
                throw new FormatException($"Line {i + 1} '{line}': {error.Message}", error);
            }
        }

        foreach (var family in parsed._families.Values.Where(f => f.Type == "histogram"))
        {
            CheckHistogram(family);
        }

        return parsed;
    }

    private PrometheusFamily? Read(string line, PrometheusFamily? current)
    {
        if (line.Length == 0)
        {
            return current;
        }

        if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
        {
            var parts = line[7..].Split(' ');
            if (parts.Length != 2 || !MetricName().IsMatch(parts[0]) || !Types.Contains(parts[1]))
            {
                throw new FormatException("a TYPE line is '# TYPE <name> <counter|gauge|histogram|summary|untyped>'");
            }

            if (_families.ContainsKey(parts[0]))
            {
                throw new FormatException($"family '{parts[0]}' is declared twice");
            }

            var family = new PrometheusFamily(parts[0], parts[1]);
            _families.Add(family.Name, family);
            return family;
        }

        if (line.StartsWith("# HELP ", StringComparison.Ordinal))
        {
            var space = line.IndexOf(' ', 7);
            var name = space < 0 ? line[7..] : line[7..space];
            if (!MetricName().IsMatch(name))
            {
                throw new FormatException($"'{name}' is not a metric name");
            }

            // HELP may come before or after TYPE; one that names the current family describes it.
            if (current?.Name == name)
            {
                current.Help = space < 0 ? "" : line[(space + 1)..];
            }

            return current;
        }

        if (line.StartsWith('#'))
        {
            return current;
        }

        var sample = ReadSample(line);
        if (current is null || !current.Owns(sample.Name))
        {
            throw new FormatException($"sample '{sample.Name}' is not of the family declared before it ({current?.Name ?? "none"})");
        }

        current.Samples.Add(sample);
        return current;
    }

    private static PrometheusSample ReadSample(string line)
    {
        var nameEnd = 0;
        while (nameEnd < line.Length && line[nameEnd] is not ('{' or ' '))
        {
            nameEnd++;
        }

        var name = line[..nameEnd];
        if (!MetricName().IsMatch(name))
        {
            throw new FormatException($"'{name}' is not a metric name");
        }

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var at = nameEnd;
        if (at < line.Length && line[at] == '{')
        {
            at = ReadLabels(line, at + 1, labels);
        }

        if (at >= line.Length || line[at] != ' ')
        {
            throw new FormatException("a sample's value follows its name or labels after one space");
        }

        var rest = line[(at + 1)..].Split(' ');
        if (rest.Length is < 1 or > 2 || (rest.Length == 2 && !long.TryParse(rest[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)))
        {
            throw new FormatException("a sample ends with its value and an optional integer timestamp");
        }

        return new PrometheusSample(name, labels, ParseValue(rest[0]));
    }

    private static int ReadLabels(string line, int at, Dictionary<string, string> labels)
    {
        while (true)
        {
            if (at < line.Length && line[at] == '}')
            {
                return at + 1;
            }

            var equals = line.IndexOf('=', at);
            if (equals < 0 || equals + 1 >= line.Length || line[equals + 1] != '"')
            {
                throw new FormatException("a label is name=\"value\"");
            }

            var name = line[at..equals];
            if (!LabelName().IsMatch(name) || !labels.TryAdd(name, ""))
            {
                throw new FormatException($"label '{name}' is not a valid name, or is repeated");
            }

            (labels[name], at) = ReadQuoted(line, equals + 2);
            if (at < line.Length && line[at] == ',')
            {
                at++;
            }
            else if (at >= line.Length || line[at] != '}')
            {
                throw new FormatException("labels are separated by ',' and closed by '}'");
            }
        }
    }

    private static (string Value, int Next) ReadQuoted(string line, int at)
    {
        var value = new StringBuilder();
        for (; at < line.Length; at++)
        {
            var c = line[at];
            if (c == '"')
            {
                return (value.ToString(), at + 1);
            }

            if (c == '\\')
            {
                at++;
                value.Append(at < line.Length ? line[at] switch
                {
                    '\\' => '\\',
                    '"' => '"',
                    'n' => '\n',
                    var other => throw new FormatException($"'\\{other}' is not an escape of a label value"),
                } : throw new FormatException("a label value ends inside an escape"));
                continue;
            }

            value.Append(c);
        }

        throw new FormatException("a label value is not closed");
    }

    private static double ParseValue(string text) => text switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"'{text}' is not a sample value"),
    };

    /// <summary>Each series' buckets rise with <c>le</c>, never fall, and end at <c>+Inf</c> with the series' count.</summary>
    private static void CheckHistogram(PrometheusFamily family)
    {
        var series = family.Samples.Where(s => s.Name == family.Name + "_bucket")
            .GroupBy(s => string.Join(',', s.Labels.Where(l => l.Key != "le").OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}")));
        foreach (var buckets in series)
        {
            var ordered = buckets.Select(b => (Le: ParseValue(b.Labels.TryGetValue("le", out var le) ? le : throw new FormatException($"a bucket of {family.Name} has no 'le'")), b.Value)).ToList();
            for (var i = 1; i < ordered.Count; i++)
            {
                if (ordered[i].Le <= ordered[i - 1].Le || ordered[i].Value < ordered[i - 1].Value)
                {
                    throw new FormatException($"the buckets of {family.Name}{{{buckets.Key}}} do not rise");
                }
            }

            var count = family.Samples.SingleOrDefault(s => s.Name == family.Name + "_count" && SameSeries(s, buckets.First()));
            if (!double.IsPositiveInfinity(ordered[^1].Le) || count is null || count.Value != ordered[^1].Value)
            {
                throw new FormatException($"{family.Name}{{{buckets.Key}}} does not end with a +Inf bucket equal to its _count");
            }
        }
    }

    private static bool SameSeries(PrometheusSample sample, PrometheusSample bucket) =>
        sample.Labels.Count == bucket.Labels.Count - 1 && sample.Labels.All(l => bucket.Labels.TryGetValue(l.Key, out var v) && v == l.Value);

    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*$")]
    private static partial Regex MetricName();

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$")]
    private static partial Regex LabelName();
}

/// <summary>One metric family: its name (as in its <c># TYPE</c>), type, help and samples.</summary>
public sealed class PrometheusFamily(string name, string type)
{
    public string Name { get; } = name;

    public string Type { get; } = type;

    public string? Help { get; set; }

    public List<PrometheusSample> Samples { get; } = [];

    /// <summary>Whether a sample of this name belongs to the family.</summary>
    public bool Owns(string sample) => sample == Name
        || (Type is "histogram" or "summary" && (sample == Name + "_sum" || sample == Name + "_count"))
        || (Type == "histogram" && sample == Name + "_bucket");
}

/// <summary>One sample line: its name, labels and value.</summary>
public sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);
