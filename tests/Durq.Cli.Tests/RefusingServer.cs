using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Durq.Cli.Tests;

/// <summary>
/// A real HTTP server on a loopback port that refuses every request as a server with keys refuses a bad one (API.md,
/// "Authentication"), and notes the <c>Authorization</c> header each request came with: what a command sends, and how
/// it shows the refusal, without depending on how the server checks keys.
/// </summary>
public sealed class RefusingServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Route, string? Authorization)> _requests = new();

    private RefusingServer(int status, string code, string detail)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.Run(async context =>
        {
            var authorization = context.Request.Headers.Authorization.ToString();
            _requests.Enqueue(($"{context.Request.Method} {context.Request.Path}", authorization.Length == 0 ? null : authorization));
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/problem+json";
            if (status == StatusCodes.Status401Unauthorized)
            {
                context.Response.Headers.WWWAuthenticate = "Bearer";
            }

            await context.Response.WriteAsJsonAsync(new { title = "Refused", status, code, detail }, context.RequestAborted);
        });
    }

    public Uri Url { get; private set; } = null!;

    public IReadOnlyList<(string Route, string? Authorization)> Requests => [.. _requests];

    public static async Task<RefusingServer> StartAsync(int status, string code, string detail)
    {
        var server = new RefusingServer(status, code, detail);
        await server._app.StartAsync();
        server.Url = new Uri(server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        return server;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
