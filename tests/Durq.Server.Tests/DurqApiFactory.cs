using Durq.Server.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Durq.Server.Tests;

/// <summary>
/// A Durq node in memory: the same services (<see cref="DurqServiceCollectionExtensions.AddDurq"/>) and pipeline
/// (<see cref="DurqApplicationBuilderExtensions.UseDurq"/>) as <c>durq serve</c>, on a fresh SQLite file and a fake clock.
/// The client tests compile this same file (linked), so both suites test against one node.
/// </summary>
public sealed class DurqApiFactory : WebApplicationFactory<DurqApiFactory>
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "durq-api-tests", Guid.NewGuid().ToString("N"));

    public DurqApiFactory(Dictionary<string, string?>? settings = null, Action<IServiceCollection>? replaceServices = null)
    {
        Settings = new Dictionary<string, string?>(settings ?? []) { ["Storage:DataDir"] = _dataDir };
        ReplaceServices = replaceServices;
    }

    /// <summary>The node's clock. Worker tests give their worker this clock too, so leases and heartbeats agree.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));

    private Dictionary<string, string?> Settings { get; }

    private Action<IServiceCollection>? ReplaceServices { get; }

    protected override IHostBuilder CreateHostBuilder() => Host.CreateDefaultBuilder()
        .ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(Settings))
        .ConfigureWebHostDefaults(web => web
            .ConfigureServices((context, services) =>
            {
                services.AddSingleton<TimeProvider>(Clock);
                services.AddDurq(context.Configuration);
                ReplaceServices?.Invoke(services);
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
