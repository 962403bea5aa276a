using Durq.Server.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Durq.Client.Tests;

/// <summary>
/// A Durq node in memory, built as <c>durq serve</c> builds one (<see cref="DurqServiceCollectionExtensions.AddDurq"/>,
/// <see cref="DurqApplicationBuilderExtensions.UseDurq"/>), on a fresh SQLite file and a fake clock. The same pattern as
/// the server tests' factory, kept here so this project depends on no other test project.
/// </summary>
public sealed class DurqApiFactory : WebApplicationFactory<DurqApiFactory>
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "durq-client-tests", Guid.NewGuid().ToString("N"));

    public DurqApiFactory(Dictionary<string, string?>? settings = null)
    {
        Settings = new Dictionary<string, string?>(settings ?? []) { ["Storage:DataDir"] = _dataDir };
    }

    /// <summary>The node's clock. Worker tests give the worker this clock too, so leases and heartbeats agree.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));

    private Dictionary<string, string?> Settings { get; }

    /// <summary>A <see cref="DurqClient"/> talking to this node through its in-memory transport.</summary>
    public DurqClient CreateDurqClient() => new(CreateClient());

    protected override IHostBuilder CreateHostBuilder() => Host.CreateDefaultBuilder()
        .ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(Settings))
        .ConfigureWebHostDefaults(web => web
            .ConfigureServices((context, services) =>
            {
                services.AddSingleton<TimeProvider>(Clock);
                services.AddDurq(context.Configuration);
            })
            .Configure(app => app.UseDurq()));

    protected override IHost CreateHost(IHostBuilder builder)
    {
        // Durq serves no files; the test output folder is as good a content root as any, and it always exists.
        builder.UseContentRoot(AppContext.BaseDirectory);
        return base.CreateHost(builder);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(_dataDir))
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }
}
