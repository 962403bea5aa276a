using Durq.Server.Hosting;
using Microsoft.AspNetCore.Builder;

namespace Durq.Abuse.Tests;

/// <summary>The stores a hostile request is tried on.</summary>
public enum Store
{
    Sqlite,
    Postgres,
}

/// <summary>
/// A Durq node on real Kestrel, in this process, on a free loopback port: the application <c>durq serve</c> builds
/// (<see cref="DurqWebApp.Build"/>), so Kestrel's own parsing, limits and rejections are those of production. On
/// SQLite it has a fresh data folder; on PostgreSQL a fresh schema of the test database (<c>DURQ_TEST_POSTGRES</c>),
/// dropped at the end.
/// </summary>
public sealed class KestrelNode : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TempDir? _dataDir;
    private readonly ScratchPostgresSchema? _schema;

    private KestrelNode(WebApplication app, TempDir? dataDir, ScratchPostgresSchema? schema)
    {
        _app = app;
        _dataDir = dataDir;
        _schema = schema;
        BaseAddress = new Uri(app.Urls.Single());
        Client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public static async Task<KestrelNode> StartAsync(Store store, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var overrides = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        TempDir? dataDir = null;
        ScratchPostgresSchema? schema = null;
        if (store == Store.Postgres)
        {
            schema = await ScratchPostgresSchema.CreateAsync();
            overrides[StoreRegistration.PostgresKey] = schema.ConnectionString;
        }
        else
        {
            dataDir = new TempDir();
            overrides["Storage:DataDir"] = dataDir.Path;
        }

        var app = DurqWebApp.Build([], overrides);
        await app.StartAsync();
        return new KestrelNode(app, dataDir, schema);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _dataDir?.Dispose();
        if (_schema is not null)
        {
            await _schema.DisposeAsync();
        }
    }
}
