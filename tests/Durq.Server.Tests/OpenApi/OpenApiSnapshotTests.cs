namespace Durq.Server.Tests.OpenApi;

/// <summary>
/// The served document against its committed snapshot, docs/openapi.v1.json, so that any change to the API's
/// description is a diff in review. A change that is meant: <c>DURQ_UPDATE_SNAPSHOT=1 dotnet test tests/Durq.Server.Tests
/// --filter OpenApiSnapshot</c>, then commit the snapshot.
/// </summary>
public sealed class OpenApiSnapshotTests() : ApiTest(new DurqApiFactory())
{
    private static readonly string SnapshotPath = Path.Combine(RepositoryPaths.Root, "docs", "openapi.v1.json");

    [Fact]
    public async Task The_served_document_is_the_committed_snapshot()
    {
        var served = ServedDocument.Text(await ServedDocument.FetchAsync(Factory));
        if (Environment.GetEnvironmentVariable("DURQ_UPDATE_SNAPSHOT") == "1")
        {
            await File.WriteAllTextAsync(SnapshotPath, served);
        }

        var committed = File.Exists(SnapshotPath) ? await File.ReadAllTextAsync(SnapshotPath) : "";
        if (committed.ReplaceLineEndings("\n") != served)
        {
            Assert.Fail(FirstDifference(committed, served));
        }
    }

    private static string FirstDifference(string committed, string served)
    {
        var before = committed.ReplaceLineEndings("\n").Split('\n');
        var after = served.Split('\n');
        var line = Enumerable.Range(0, Math.Max(before.Length, after.Length))
            .First(i => i >= before.Length || i >= after.Length || before[i] != after[i]);
        return $"The OpenAPI document differs from {SnapshotPath} from line {line + 1}:\n" +
            $"  committed: {(line < before.Length ? before[line].Trim() : "(end)")}\n" +
            $"  served:    {(line < after.Length ? after[line].Trim() : "(end)")}\n" +
            "If the change is meant, run DURQ_UPDATE_SNAPSHOT=1 dotnet test tests/Durq.Server.Tests --filter OpenApiSnapshot and commit the snapshot.";
    }
}
