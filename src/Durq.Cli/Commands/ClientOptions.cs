using System.CommandLine;
using Durq.Client;

namespace Durq.Cli.Commands;

/// <summary>The options the client commands share. Each command gets instances of its own, as a symbol has one parent.</summary>
internal static class ClientOptions
{
    public const string DefaultUrl = "http://127.0.0.1:8080";
    public const string UrlVariable = "DURQ_URL";
    public const string ApiKeyVariable = "DURQ_API_KEY";

    public static Option<string> Url()
    {
        var url = new Option<string>("--url")
        {
            // The default printed after this is the one in force: ${UrlVariable} when set.
            Description = $"The Durq server; ${UrlVariable} when set.",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable(UrlVariable) is { Length: > 0 } fromEnvironment
                ? fromEnvironment
                : DefaultUrl,
        };
        url.Validators.Add(result =>
        {
            if (ParseServerUrl(result.GetValueOrDefault<string>()) is null)
            {
                result.AddError($"'{result.GetValueOrDefault<string>()}' is not a server URL; use one like {DefaultUrl}.");
            }
        });
        return url;
    }

    /// <summary>
    /// <c>--api-key</c>. Its default, <c>$DURQ_API_KEY</c>, is read by <see cref="ReadApiKey"/> rather than given as the
    /// option's default value, which <c>--help</c> would print: the key is a secret.
    /// </summary>
    public static Option<string> ApiKey() => new("--api-key")
    {
        Description = $"The API key, sent as 'Authorization: Bearer <key>'. Default ${ApiKeyVariable}; none when unset.",
    };

    /// <summary>The key from <c>--api-key</c>, else <c>$DURQ_API_KEY</c>, else null; a malformed one is refused without echoing it.</summary>
    public static string? ReadApiKey(ParseResult result, Option<string> option)
    {
        var (key, source) = result.GetValue(option) is { } given
            ? (given, option.Name)
            : (Environment.GetEnvironmentVariable(ApiKeyVariable), "$" + ApiKeyVariable);
        key = key?.Trim();
        if (string.IsNullOrEmpty(key))
        {
            return null;
        }

        return ApiKeys.IsWellFormed(key) ? key : throw new CommandLineException($"the API key in {source} is malformed: {ApiKeys.Problem}.");
    }

    public static Option<bool> Json() => new("--json") { Description = "Print the server's JSON instead of a table." };

    public static Option<string> ActivityType(string description) => new("--activity-type") { Description = description };

    public static Option<int?> Limit() => new("--limit") { Description = "Most items on one page, 1–500. Default 100." };

    public static Option<string> Cursor() => new("--cursor") { Description = "The page after the one that printed this cursor." };

    /// <summary>An absolute http(s) URL, or null.</summary>
    public static Uri? ParseServerUrl(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
            ? url
            : null;
}
