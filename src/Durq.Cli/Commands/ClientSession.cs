using Durq.Cli.Output;
using Durq.Client;

namespace Durq.Cli.Commands;

/// <summary>What a client command works with: the typed client, and the raw answer it last got.</summary>
internal sealed class ClientSession(DurqClient client, ResponseRecorder responses)
{
    public DurqClient Client { get; } = client;

    /// <summary>The server's URL and the key, for a command that opens a connection of its own (<c>durq tail</c>).</summary>
    public required Uri Server { get; init; }

    public required string? ApiKey { get; init; }

    /// <summary>Prints the last answer's body as it came, for <c>--json</c>.</summary>
    public void WriteLastResponse() => Terminal.WriteRaw(responses.LastBody?.Trim() ?? "");
}
