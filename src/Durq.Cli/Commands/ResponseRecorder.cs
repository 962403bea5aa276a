namespace Durq.Cli.Commands;

/// <summary>
/// Keeps the body of the last answer, so that <c>--json</c> prints exactly what the server sent (members this version
/// of durq does not know included) while the typed <see cref="Durq.Client.DurqClient"/> still does the asking.
/// </summary>
internal sealed class ResponseRecorder() : DelegatingHandler(new SocketsHttpHandler())
{
    public string? LastBody { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        // Buffered, so the client can still read the content after this.
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        LastBody = await response.Content.ReadAsStringAsync(cancellationToken);
        return response;
    }
}
