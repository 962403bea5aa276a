using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace Durq.Abuse.Tests;

/// <summary>
/// FsCheck generators of hostile JSON: random values built from the members Durq reads (so the parsers are reached, not
/// only the syntax check), tricky scalars (lone surrogates, NUL, huge and negative numbers, long strings), members
/// named twice, and mutations of valid bodies (a member replaced, dropped or doubled; the text cut or a byte changed).
/// </summary>
public static class JsonFuzz
{
    private static readonly string[] Names =
    [
        "activity_type", "input", "options", "max_attempts", "priority", "delay_seconds", "run_at", "timeout_seconds",
        "heartbeat_timeout_seconds", "retry", "initial_interval_ms", "backoff_coefficient", "max_interval_ms", "jitter",
        "non_retryable_error_types", "tasks", "worker_id", "activity_types", "max_tasks", "wait_ms", "lease_id", "result",
        "details", "error", "message", "type", "retryable", "current_load", "max_concurrency", "hostname", "version",
        "worker_group", "x", "", "\\ud800", "a\\u0000b",
    ];

    private static readonly string[] Scalars =
    [
        "null", "true", "false", "0", "-0", "1", "-1", "3.5", "1e30", "-1e30", "1e400", "9223372036854775808",
        "-9223372036854775809", "2147483648", "0.000001", "\"\"", "\"a\"", "\"fuzz\"", "\"email.send\"", "\"\\ud800\"",
        "\"\\udc00\\ud800\"", "\"\\ud83d\\ude00\"", "\"a\\u0000b\"", "\"\\n\\t\\u001b\"", "\"2026-01-01T00:00:00Z\"",
        "\"9999-12-31T23:59:59Z\"", "\"0193b5a0-0000-7000-8000-000000000001\"", $"\"{new string('a', 201)}\"",
        $"\"{new string('z', 5000)}\"", "\"😀\"",
    ];

    public static Gen<string> Value(int depth) => depth <= 0
        ? Gen.Elements(Scalars)
        : Gen.Frequency((5, Gen.Elements(Scalars)), (1, ArrayOf(depth - 1)), (2, ObjectOf(depth - 1)));

    public static Gen<string> ObjectOf(int depth) =>
        from count in Gen.Choose(0, 5)
        from names in Gen.Elements(Names).ListOf(count)
        from values in Value(depth).ListOf(count)
        select "{" + string.Join(",", names.Zip(values, (n, v) => $"\"{n}\":{v}")) + "}";

    private static Gen<string> ArrayOf(int depth) =>
        from count in Gen.Choose(0, 4)
        from items in Value(depth).ListOf(count)
        select "[" + string.Join(",", items) + "]";

    /// <summary>A valid body of <paramref name="valid"/>'s shape, changed in one random way.</summary>
    public static Gen<string> Mutation(string valid) => Gen.OneOf(
        from name in Gen.Elements(Names)
        from value in Value(2)
        select Replace(valid, name, value),
        from name in Gen.Elements(Names)
        from value in Value(1)
        select valid.Insert(1, $"\"{name}\":{value},"),
        from at in Gen.Choose(0, valid.Length)
        select valid[..at],
        from at in Gen.Choose(0, valid.Length - 1)
        from c in Gen.Elements('{', '}', '"', ',', ':', '\\', '\0', 'x', '[', '9')
        select valid[..at] + c + valid[(at + 1)..]);

    /// <summary>Random bodies for a route: a third random values, two thirds mutations of its valid body.</summary>
    public static Gen<string> Body(string valid) => Gen.Frequency((1, Value(3)), (2, Mutation(valid)));

    private static string Replace(string json, string name, string value)
    {
        var key = $"\"{name}\":";
        var at = json.IndexOf(key, StringComparison.Ordinal);
        if (at < 0)
        {
            return json.Insert(json.Length - 1, (json.Length > 2 ? "," : "") + key + value);
        }

        var start = at + key.Length;
        var end = ValueEnd(json, start);
        return json[..start] + value + json[end..];
    }

    // The end of the JSON value at 'start' in a valid body: balanced brackets, strings skipped.
    private static int ValueEnd(string json, int start)
    {
        var depth = 0;
        var inString = false;
        for (var i = start; i < json.Length; i++)
        {
            var c = json[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                    if (depth == 0)
                    {
                        return i + 1;
                    }
                }
            }
            else if (c == '"')
            {
                inString = true;
            }
            else if (c is '{' or '[')
            {
                depth++;
            }
            else if (c is '}' or ']')
            {
                if (depth == 0)
                {
                    return i;
                }

                if (--depth == 0)
                {
                    return i + 1;
                }
            }
            else if (c == ',' && depth == 0)
            {
                return i;
            }
        }

        return json.Length;
    }

    public static IReadOnlyList<string> Sample(Gen<string> gen, ulong seed, int count) => Gen.Sample(gen, count, new Rnd(seed), 10);

    public static string Describe(string body) => body.Length <= 300 ? body : body[..300] + $"… ({Encoding.UTF8.GetByteCount(body).ToString(CultureInfo.InvariantCulture)} bytes)";
}
