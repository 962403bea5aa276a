using System.Text.Json;

namespace Durq.EndToEnd.Tests;

/// <summary>The server log of a real <c>durq serve</c>: the start-up banner's fields, and JSON lines on request.</summary>
public sealed class ServeLogTests : IDisposable
{
    private readonly TempDir _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task The_banner_says_address_version_store_auth_and_dashboard()
    {
        await using var durq = await DurqProcess.StartAsync(_data.Path);

        var address = durq.BaseAddress.AbsoluteUri.TrimEnd('/');
        Assert.Contains($"Durq listening on {address} (version ", durq.Output, StringComparison.Ordinal);
        Assert.Contains($"store: SQLite at {Path.Combine(_data.Path, "durq.db")}", durq.Output, StringComparison.Ordinal);
        Assert.Contains("auth: auto (no key yet", durq.Output, StringComparison.Ordinal);
        Assert.Contains($"dashboard: {address}/dashboard/", durq.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Log_format_json_writes_one_json_object_per_line_with_the_banner_fields()
    {
        await using var durq = await DurqProcess.StartAsync(_data.Path, "--log-format", "json");
        await durq.TerminateAsync();

        var lines = durq.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.NotEmpty(lines);
        var entries = lines.Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();
        var banner = Assert.Single(entries, entry => entry.GetProperty("EventId").GetInt32() == 1 && entry.GetProperty("Category").GetString()!.EndsWith("StartupBanner", StringComparison.Ordinal));
        var state = banner.GetProperty("State");
        Assert.StartsWith("SQLite at ", state.GetProperty("Store").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("/dashboard/", state.GetProperty("DashboardUrl").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(state.GetProperty("Version").GetString()));
    }
}
