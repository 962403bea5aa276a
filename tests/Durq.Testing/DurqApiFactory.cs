using Durq.Server.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Durq.Testing;

/// <summary>
/// A Durq node in memory: the same services (<see cref="DurqServiceCollectionExtensions.AddDurq"/>) and pipeline
/// (<see cref="DurqApplicationBuilderExtensions.UseDurq"/>) as <c>durq serve</c>, on a fresh SQLite file and a fake clock,
/// behind an in-memory <see cref="TestServer"/>. The server tests and the client tests both run against this one node.
/// </summary>
/// <remarks>
/// The host is built here rather than by <c>WebApplicationFactory</c>: that class insists that its type argument
/// lives in an assembly with an entry point (a test assembly), which a shared library is not, and the part of it
/// that finds an application's entry point is the part Durq never used.
/// </remarks>
public sealed class DurqApiFactory : IAsyncDisposable
{
    private readonly TempDir _dataDir = new();
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _replaceServices;
    private readonly Lazy<IHost> _host;
    private readonly List<HttpClient> _clients = [];
    private readonly List<IAsyncDisposable> _owned = [];

    public DurqApiFactory(Dictionary<string, string?>? settings = null, Action<IServiceCollection>? replaceServices = null)
    {
        // A test may point the node at data it prepared (Storage:DataDir); otherwise the node has a fresh folder.
        _settings = new Dictionary<string, string?>(settings ?? []);
        _settings.TryAdd("Storage:DataDir", _dataDir.Path);
        _replaceServices = replaceServices;
        // Started on first use, so a test may set up its node (the clock) before the node starts.
        _host = new Lazy<IHost>(StartHost);
    }

    /// <summary>The node's clock. Worker tests give their worker this clock too, so leases and heartbeats agree.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));

    /// <summary>The in-memory server, for handlers that reach the node without a network (an SDK worker's transport).</summary>
    public TestServer Server => _host.Value.GetTestServer();

    public IServiceProvider Services => _host.Value.Services;

    /// <summary>A client of the node at <c>http://localhost</c>; disposed with the node.</summary>
    public HttpClient CreateClient()
    {
        var client = new HttpClient(Server.CreateHandler()) { BaseAddress = new Uri("http://localhost") };
        lock (_clients)
        {
            _clients.Add(client);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        lock (_clients)
        {
            _clients.ForEach(client => client.Dispose());
        }

        if (_host.IsValueCreated)
        {
            await _host.Value.StopAsync();
            _host.Value.Dispose();
        }

        foreach (var owned in _owned)
        {
            await owned.DisposeAsync();
        }

        _dataDir.Dispose();
    }

    /// <summary>A node on PostgreSQL: a fresh schema of the test database (<c>DURQ_TEST_POSTGRES</c>), dropped with the node.</summary>
    public static DurqApiFactory OnPostgres(Dictionary<string, string?>? settings = null)
    {
        var schema = ScratchPostgresSchema.CreateAsync().GetAwaiter().GetResult();
        var factory = new DurqApiFactory(new Dictionary<string, string?>(settings ?? []) { ["Storage:Postgres"] = schema.ConnectionString });
        factory._owned.Add(schema);
        return factory;
    }

    private IHost StartHost()
    {
        var host = Host.CreateDefaultBuilder()
            // Durq serves no files; the test output folder is as good a content root as any, and it always exists.
            .UseContentRoot(AppContext.BaseDirectory)
            .ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(_settings))
            .ConfigureWebHostDefaults(web => web
                .UseTestServer()
                .ConfigureServices((context, services) =>
                {
                    services.AddSingleton<TimeProvider>(Clock);
                    services.AddDurq(context.Configuration);
                    _replaceServices?.Invoke(services);
                })
                .Configure(app => app.UseDurq()))
            .Build();
        host.Start();
        return host;
    }
}
