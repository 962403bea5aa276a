using System.CommandLine;
using System.Text.Json;
using Durq.Cli.Output;
using Durq.Client;
using Spectre.Console;

namespace Durq.Cli.Commands;

/// <summary>
/// Gives a client command its <c>--url</c> and a <see cref="DurqClient"/> for it, and is the one place where what can
/// go wrong (a problem answer, an unreachable server, a bad argument) becomes a readable message and exit code 1.
/// </summary>
internal static class ClientAction
{
    public const int Succeeded = 0;
    public const int Failed = 1;

    // HttpClient's own default; no client command long-polls.
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(100);

    public static Command Set(Command command, Func<ParseResult, ClientSession, CancellationToken, Task> run)
    {
        var url = ClientOptions.Url();
        var apiKey = ClientOptions.ApiKey();
        command.Options.Add(url);
        command.Options.Add(apiKey);
        command.SetAction(async (result, cancellationToken) =>
        {
            var server = ClientOptions.ParseServerUrl(result.GetValue(url))!;
            using var responses = new ResponseRecorder();
            using var http = CreateHttpClient(server, responses);
            try
            {
                var key = ClientOptions.ReadApiKey(result, apiKey);
                await run(result, new ClientSession(new DurqClient(http, key), responses) { Server = server, ApiKey = key }, cancellationToken);
                return Succeeded;
            }
            catch (Exception error) when (Describe(error, server, cancellationToken))
            {
                Verbose.WriteDetails(result, error);
                return Failed;
            }
        });
        return command;
    }

    private static HttpClient CreateHttpClient(Uri server, ResponseRecorder responses)
    {
        var root = server.AbsoluteUri;
        // A trailing slash, so that a server under a path prefix keeps its prefix.
        return new HttpClient(responses, disposeHandler: false)
        {
            BaseAddress = new Uri(root.EndsWith('/') ? root : root + "/"),
            Timeout = RequestTimeout,
        };
    }

    /// <summary>Prints what went wrong; false for failures it does not know, which then surface as crashes.</summary>
    private static bool Describe(Exception error, Uri server, CancellationToken cancellationToken)
    {
        switch (error)
        {
            case DurqProblemException problem:
                ProblemReport.Write(Terminal.Error, problem);
                return true;
            case HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError }:
                WriteError($"the Durq server is unreachable at {server} ({error.Message}).");
                WriteHint($"Start one with 'durq serve', or point --url (or ${ClientOptions.UrlVariable}) at yours.");
                return true;
            case HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError }:
                WriteError($"the TLS connection to {server} failed: {Innermost(error).Message}");
                WriteHint("For a server with a self-signed certificate, point SSL_CERT_FILE at that certificate (docs/operations.md, \"TLS\").");
                return true;
            case HttpRequestException:
                WriteError($"the request to {server} failed: {error.Message}");
                return true;
            case TaskCanceledException when !cancellationToken.IsCancellationRequested:
                WriteError($"the Durq server at {server} did not answer within {RequestTimeout.TotalSeconds:0} s.");
                return true;
            case JsonException:
                WriteError($"the server at {server} answered with JSON that is not Durq's ({error.Message}). Is it a Durq server?");
                return true;
            case CommandLineException:
                WriteError(error.Message);
                return true;
            default:
                return false;
        }
    }

    // HttpClient's TLS failure says "see inner exception"; the innermost one says what was wrong with the certificate.
    private static Exception Innermost(Exception error) => error.InnerException is { } inner ? Innermost(inner) : error;

    public static void WriteError(string message) =>
        Terminal.Error.MarkupLine($"[red]error:[/] {Markup.Escape(message)}");

    public static void WriteHint(string message) =>
        Terminal.Error.MarkupLine($"[yellow]hint:[/] {Markup.Escape(message)}");
}
