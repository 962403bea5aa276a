using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Durq.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Durq.Server.Tests;

/// <summary>
/// Faults of the SQLite data itself, made for real: a read-only file, a full database, a damaged page. Each answers
/// 503 with its own code and a Retry-After, never a 500; <c>/health</c> names it; reads that the fault spares still work.
/// </summary>
public sealed class StorageFaultTests : IDisposable
{
    private readonly TempDir _data = new();

    private string DatabasePath => Path.Combine(_data.Path, "durq.db");

    public void Dispose() => _data.Dispose();

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Read_only_data_answers_503_storage_read_only_and_health_says_so()
    {
        var existing = await PrepareDataAsync();
        using var readOnly = ReadOnlyFile.Protect(DatabasePath);
        await using var node = new DurqApiFactory(new() { ["Storage:DataDir"] = _data.Path });
        using var client = node.CreateClient();

        using var enqueue = await client.PostJsonAsync(Http.Tasks, """{"activity_type":"a","input":1}""");
        var problem = await enqueue.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "storage_read_only");
        Assert.Contains("read-only", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(30), enqueue.Headers.RetryAfter?.Delta);
        using var claim = await client.PostJsonAsync($"{WorkerApi.Root}/tasks/claim", """{"worker_id":"w","activity_types":["a"]}""");
        await claim.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "storage_read_only");

        Assert.Equal(existing, (await client.GetTaskAsync(existing)).GetProperty("id").GetString());
        await AssertHealthNamesAsync(client, "storage_read_only");
    }

    [Fact]
    public async Task A_full_database_answers_503_storage_full_saying_the_disk_is_full()
    {
        // SQLite's own cap (PRAGMA max_page_count, set from Storage:MaxDatabaseBytes) makes it answer writes past it
        // exactly as it answers a full disk (SQLITE_FULL); filling a real disk would fill the test machine's.
        await using var node = new DurqApiFactory(new() { ["Storage:MaxDatabaseBytes"] = "262144" });
        using var client = node.CreateClient();
        var input = JsonSerializer.Serialize(new string('x', 60_000));

        HttpResponseMessage? refused = null;
        for (var i = 0; i < 20 && refused is null; i++)
        {
            var response = await client.PostJsonAsync(Http.Tasks, $$"""{"activity_type":"a","input":{{input}}}""");
            if (response.StatusCode == HttpStatusCode.Created)
            {
                response.Dispose();
            }
            else
            {
                refused = response;
            }
        }

        Assert.NotNull(refused);
        using (refused)
        {
            var problem = await refused.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "storage_full");
            Assert.Contains("disk holding the database is full", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        using var list = await client.GetAsync(Http.Tasks);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        await AssertHealthNamesAsync(client, "storage_full");
    }

    [Fact]
    public async Task A_page_found_damaged_while_serving_answers_503_storage_corrupt_and_is_logged_once_with_the_file()
    {
        var existing = await PrepareDataAsync();
        DamageTaskPages();
        var logs = new LogRecorder();
        await using var node = new DurqApiFactory(
            new() { ["Storage:DataDir"] = _data.Path }, services => services.AddSingleton<ILoggerProvider>(logs));
        using var client = node.CreateClient();

        for (var i = 0; i < 3; i++)
        {
            using var read = await client.GetAsync($"{Http.Tasks}/{existing}");
            await read.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "storage_corrupt");
            using var enqueue = await client.PostJsonAsync(Http.Tasks, """{"activity_type":"a","input":1}""");
            await enqueue.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "storage_corrupt");
        }

        var logged = logs.Messages.Where(m => m.Contains("storage_corrupt", StringComparison.Ordinal)).ToList();
        Assert.Single(logged);
        Assert.Contains(DatabasePath, logged[0], StringComparison.Ordinal);
        await AssertHealthNamesAsync(client, "storage_corrupt");
    }

    /// <summary>A database with one task in it, closed as a clean stop leaves it (the WAL folded into the file).</summary>
    private async Task<string> PrepareDataAsync()
    {
        await using var store = new SqliteTaskStore(new SqliteStoreOptions { DataDir = _data.Path }, NullLogger<SqliteTaskStore>.Instance);
        await store.MigrateAsync(CancellationToken.None);
        var task = new Core.Tasks.NewTask(Guid.CreateVersion7(), "a", "{}", new Core.Tasks.TaskOptions(
            3, 0, 0, DateTimeOffset.UtcNow, 300, 30, Core.Tasks.RetryPolicy.Default), null);
        await store.EnqueueAsync(new Core.Storage.EnqueueParams("default", [task], null, 0, DateTimeOffset.UtcNow), CancellationToken.None);
        return Core.Tasks.TaskIds.Format(task.Id);
    }

    /// <summary>Overwrites the first page of every table and index but the migrations' with garbage, as a failing disk might.</summary>
    private void DamageTaskPages()
    {
        List<long> roots;
        int pageSize;
        using (var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
        {
            connection.Open();
            using var pages = connection.CreateCommand();
            pages.CommandText = "SELECT rootpage FROM sqlite_master WHERE rootpage > 0 AND tbl_name <> 'durq_schema_migrations'";
            using (var reader = pages.ExecuteReader())
            {
                roots = [];
                while (reader.Read())
                {
                    roots.Add(reader.GetInt64(0));
                }
            }

            pages.CommandText = "PRAGMA page_size";
            pageSize = Convert.ToInt32(pages.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }

        var garbage = new byte[pageSize];
        new Random(7).NextBytes(garbage);
        using var file = new FileStream(DatabasePath, FileMode.Open, FileAccess.Write);
        foreach (var root in roots)
        {
            file.Position = (root - 1) * pageSize;
            file.Write(garbage);
        }
    }

    private static async Task AssertHealthNamesAsync(HttpClient client, string code)
    {
        using var response = await client.GetAsync($"{WorkerApi.Root}/health");
        if (response.StatusCode != HttpStatusCode.OK)
        {
            // Health reads the store too: a fault that spares no read answers as a problem, which names it as well.
            await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, code);
            return;
        }

        var health = await response.ReadJsonAsync();
        Assert.Equal("degraded", health.GetProperty("status").GetString());
        Assert.Equal(code, health.GetProperty("reasons")[0].GetProperty("code").GetString());
    }

    /// <summary>Every log message written, formatted.</summary>
    private sealed class LogRecorder : ILoggerProvider, ILogger
    {
        private readonly ConcurrentQueue<string> _messages = new();

        public IReadOnlyCollection<string> Messages => _messages;

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            _messages.Enqueue(formatter(state, exception));

        public void Dispose()
        {
        }
    }

    /// <summary>
    /// Makes a file read-only for real. Permission bits do not stop root, and tests run as root in containers, so there
    /// the file gets the immutable attribute (<c>chattr +i</c>: the kernel then refuses every write to it, from root as
    /// from anyone; it needs CAP_LINUX_IMMUTABLE, which a container started with the default capabilities lacks);
    /// otherwise its write permission is taken away. Either way SQLite, refused write access, opens it read-only, as it
    /// would on a read-only mount. A read-only bind mount would be more real still, but needs CAP_SYS_ADMIN and cannot
    /// be made while the file is open for writing; PRAGMA query_only would be SQLite refusing itself, not the data.
    /// </summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private sealed class ReadOnlyFile : IDisposable
    {
        private readonly string _path;

        private ReadOnlyFile(string path) => _path = path;

        public static ReadOnlyFile Protect(string path)
        {
            if (Environment.UserName == "root")
            {
                Chattr("+i", path);
            }
            else
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            }

            return new ReadOnlyFile(path);
        }

        public void Dispose()
        {
            if (Environment.UserName == "root")
            {
                Chattr("-i", _path);
            }
            else
            {
                File.SetUnixFileMode(_path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            }
        }

        private static void Chattr(string change, string path)
        {
            using var chattr = Process.Start(new ProcessStartInfo("chattr", [change, path]) { RedirectStandardError = true })!;
            var error = chattr.StandardError.ReadToEnd();
            chattr.WaitForExit();
            Assert.True(chattr.ExitCode == 0,
                $"chattr {change} {path} failed ({error.Trim()}): as root, this test needs CAP_LINUX_IMMUTABLE to make the data read-only.");
        }
    }
}
