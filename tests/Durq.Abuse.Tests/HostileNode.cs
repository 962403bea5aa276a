using System.Net;
using System.Text;

namespace Durq.Abuse.Tests;

/// <summary>A node for the hostile rows, with a pending task for the rows that name one.</summary>
public abstract class HostileNode(Store store) : IAsyncLifetime
{
    public KestrelNode Node { get; private set; } = null!;

    /// <summary>What the rows' placeholders stand for.</summary>
    public Dictionary<string, string> Values { get; } = new()
    {
        ["missing"] = Guid.CreateVersion7().ToString(),
        ["lease"] = Guid.CreateVersion7().ToString(),
    };

    public async Task InitializeAsync()
    {
        Node = await KestrelNode.StartAsync(store);
        using var content = new StringContent("""{"activity_type":"hostile.target","input":{}}""", Encoding.UTF8, "application/json");
        using var response = await Node.Client.PostAsync("/api/v1/durable/tasks", content);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Values["task"] = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("task_id").GetString()!;
    }

    public async Task DisposeAsync() => await Node.DisposeAsync();
}

public sealed class SqliteHostileNode() : HostileNode(Store.Sqlite);

public sealed class PostgresHostileNode() : HostileNode(Store.Postgres);
