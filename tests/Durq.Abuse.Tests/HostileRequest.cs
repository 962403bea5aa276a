using System.Text;

namespace Durq.Abuse.Tests;

/// <summary>
/// One hostile request and the problem it must be answered with. <c>{task}</c> in the path or body stands for a
/// pending task of the node, <c>{missing}</c> for a task id that does not exist, <c>{lease}</c> for a lease id that is
/// not the task's.
/// </summary>
public sealed record HostileRequest(string Name, string Method, string Path, string? Body, int Status, string Code)
{
    public string ContentType { get; init; } = "application/json";

    public byte[]? Bytes { get; init; }

    public IReadOnlyList<(string Name, string Value)> Headers { get; init; } = [];

    public HttpRequestMessage ToMessage(IReadOnlyDictionary<string, string> values)
    {
        var message = new HttpRequestMessage(new HttpMethod(Method), Fill(Path, values));
        if (Bytes is not null || Body is not null)
        {
            var bytes = Bytes ?? Encoding.UTF8.GetBytes(Fill(Body!, values));
            message.Content = new ByteArrayContent(bytes);
            // A body the server refuses by its Content-Length is then never sent, as a careful client does: sent
            // anyway, the server's early answer races the upload and the client may see a broken pipe instead.
            message.Headers.ExpectContinue = bytes.Length > 64 * 1024;
            if (ContentType.Length > 0)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }
        }

        foreach (var (name, value) in Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        return message;
    }

    public override string ToString() => $"{Name}: {Method} {Path} {Shorten(Body)}";

    private static string Fill(string text, IReadOnlyDictionary<string, string> values) =>
        values.Aggregate(text, (filled, value) => filled.Replace("{" + value.Key + "}", value.Value, StringComparison.Ordinal));

    private static string Shorten(string? text) => text is null ? "" : text.Length <= 120 ? text : text[..120] + "…";
}
