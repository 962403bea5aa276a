using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Durq.EndToEnd.Tests;

/// <summary><c>durq backup</c> beside a running server, and the restore of docs/deploy.md, step by step.</summary>
public sealed class BackupTests : IDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    private readonly TempDir _folder = new();

    public void Dispose() => _folder.Dispose();

    private string LiveData => Path.Combine(_folder.Path, "live");

    private string Backup => Path.Combine(_folder.Path, "durq-backup.db");

    [Fact]
    public async Task A_backup_taken_while_the_server_writes_restores_as_a_data_folder_with_the_tasks_it_held()
    {
        List<string> backedUp;
        string later;
        await using (var live = await DurqProcess.StartAsync(LiveData))
        {
            using var http = live.CreateClient();
            backedUp = [await EnqueueAsync(http, 1), await EnqueueAsync(http, 2), await EnqueueAsync(http, 3)];

            var backup = await DurqAsync("backup", Backup, "--data-dir", LiveData);
            Assert.True(backup.ExitCode == 0, backup.ToString());
            Assert.Contains($"to {Backup}", backup.Stdout, StringComparison.Ordinal);

            later = await EnqueueAsync(http, 4);
            await live.TerminateAsync();
        }

        // The restore, as docs/deploy.md gives it: the copy becomes durq.db of an empty data folder.
        var restored = Directory.CreateDirectory(Path.Combine(_folder.Path, "restored")).FullName;
        File.Copy(Backup, Path.Combine(restored, "durq.db"));
        await using var server = await DurqProcess.StartAsync(restored);
        using var client = server.CreateClient();
        foreach (var (id, input) in backedUp.Select((id, i) => (id, i + 1)))
        {
            var task = await client.GetFromJsonAsync<JsonElement>("/api/v1/durable/tasks/" + id);
            Assert.Equal(input, task.GetProperty("input").GetInt32());
        }

        using var afterBackup = await client.GetAsync(new Uri("/api/v1/durable/tasks/" + later, UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, afterBackup.StatusCode);
    }

    [Fact]
    public async Task An_existing_file_is_replaced_only_with_force()
    {
        await using (var live = await DurqProcess.StartAsync(LiveData))
        {
            await live.TerminateAsync();
        }

        await File.WriteAllTextAsync(Backup, "not a backup");

        var refused = await DurqAsync("backup", Backup, "--data-dir", LiveData);
        Assert.True(refused.ExitCode == 1, refused.ToString());
        Assert.Equal($"error: {Backup} already exists; name a new file, or pass --force to replace it.", refused.Stderr.Trim());
        Assert.Equal("not a backup", await File.ReadAllTextAsync(Backup));

        var forced = await DurqAsync("backup", Backup, "--force", "--data-dir", LiveData);
        Assert.True(forced.ExitCode == 0, forced.ToString());
        Assert.Equal(["durq-backup.db", "live"], Directory.GetFileSystemEntries(_folder.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task A_data_folder_without_a_database_is_refused_and_left_as_it_was()
    {
        var run = await DurqAsync("backup", Backup, "--data-dir", LiveData);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains($"There is no database at {Path.Combine(LiveData, "durq.db")}", run.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(LiveData));
        Assert.False(File.Exists(Backup));
    }

    [Fact]
    public async Task On_postgresql_it_names_the_pg_dump_command_in_one_line_and_writes_nothing()
    {
        var run = await DurqAsync("backup", Backup, "--postgres", "Host=db.example;Port=5433;Username=durq;Password=s3cret;Database=queue;Search Path=durq");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal(
            "error: durq backup copies the embedded SQLite store; back up PostgreSQL with its own tools: " +
            $"pg_dump --format=custom --file={Backup} --host=db.example --port=5433 --username=durq --schema=durq --dbname=queue",
            run.Stderr.Trim());
        Assert.DoesNotContain("s3cret", run.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Backup));
    }

    private static async Task<string> EnqueueAsync(HttpClient http, int input)
    {
        using var response = await http.PostAsync(new Uri("/api/v1/durable/tasks", UriKind.Relative), JsonContent.Create(new { activity_type = "a", input }));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("task_id").GetString()!;
    }

    private static Task<ProcessResult> DurqAsync(params string[] args) =>
        ProcessRun.RunAsync(RepositoryProgram.StartInfo(RepositoryProgram.Durq, args), CommandTimeout);
}
