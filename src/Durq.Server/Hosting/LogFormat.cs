using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Durq.Server.Hosting;

/// <summary>
/// <c>Logging:Format</c> (<c>durq serve --log-format</c>): <c>text</c>, the console logger's readable lines (the default),
/// or <c>json</c>, Microsoft.Extensions.Logging's JSON console formatter, one object per line with the event id and every
/// structured field under <c>State</c>, for a log shipper to parse (docs/operations.md, "Logs").
/// </summary>
public static class LogFormat
{
    public const string Key = "Logging:Format";
    public const string Text = "text";
    public const string Json = "json";

    /// <exception cref="DurqStartupException">The setting holds another word.</exception>
    public static void Apply(ILoggingBuilder logging, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(logging);
        ArgumentNullException.ThrowIfNull(configuration);
        var format = configuration[Key];
        if (string.IsNullOrEmpty(format) || format.Equals(Text, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        if (!format.Equals(Json, StringComparison.OrdinalIgnoreCase))
        {
            throw new DurqStartupException($"{Key} is '{format}'; it takes {Text} or {Json}.");
        }

        logging.AddJsonConsole(json =>
        {
            json.UseUtcTimestamp = true;
            json.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
            json.JsonWriterOptions = new System.Text.Json.JsonWriterOptions { Indented = false };
        });
    }
}
