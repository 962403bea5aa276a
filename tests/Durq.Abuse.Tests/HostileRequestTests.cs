namespace Durq.Abuse.Tests;

/// <summary>
/// Every row of <see cref="HostileRequests"/>, sent over real HTTP to a real Kestrel node, answers its problem document:
/// the status, the code and <c>application/problem+json</c>, alike on both stores.
/// </summary>
public abstract class HostileRequestTests(HostileNode node)
{
    [Theory]
    [MemberData(nameof(HostileRequests.Names), MemberType = typeof(HostileRequests))]
    public async Task Each_hostile_request_is_answered_with_its_problem(string name)
    {
        var request = HostileRequests.Named(name);
        using var message = request.ToMessage(node.Values);
        using var response = await node.Node.Client.SendAsync(message);
        await Problem.AssertAsync(response, request.Status, request.Code, request.ToString());
    }

    [Fact]
    public void The_table_holds_at_least_60_distinct_requests() =>
        Assert.True(HostileRequests.All.Select(r => r.Name).Distinct().Count() is var count && count == HostileRequests.All.Count && count >= 60,
            $"{HostileRequests.All.Count} rows");
}

public sealed class SqliteHostileRequestTests(SqliteHostileNode node) : HostileRequestTests(node), IClassFixture<SqliteHostileNode>;

public sealed class PostgresHostileRequestTests(PostgresHostileNode node) : HostileRequestTests(node), IClassFixture<PostgresHostileNode>;
