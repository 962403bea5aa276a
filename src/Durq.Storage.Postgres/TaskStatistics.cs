using Microsoft.Extensions.Logging;
using Npgsql;

namespace Durq.Storage.Postgres;

/// <summary>
/// Keeps the planner's statistics of <c>durq_tasks</c> fresh enough for claims. Autovacuum analyzes a table at most once
/// a minute (<c>autovacuum_naptime</c>), but a queue's table can go from empty to tens of thousands of pending tasks in a
/// second; until it is analyzed the planner takes each tenant for a handful of rows and a claim sorts every pending task
/// (milliseconds each) instead of reading the claimable index in claim order. So once this store has inserted as many
/// tasks as autovacuum's own rule waits for (10% of the rows the last analysis counted, and at least 1,000), it analyzes
/// the table itself: in the background on a reader connection, one analysis at a time and at most one every 10 s (an
/// analysis reads a sample of 30,000 rows; a table growing fast would otherwise be analyzed again and again), never
/// holding up a write. The first analysis comes early in a burst, which is when the plans need it.
/// </summary>
internal sealed partial class TaskStatistics(NpgsqlDataSource readers, TimeProvider clock, ILogger logger, CancellationToken storeDisposed)
{
    private const long MinInserts = 1000;
    private const double ScaleFactor = 0.1;
    private static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(10);

    private long _insertedSinceAnalysis;
    private long _threshold = MinInserts;
    private long _lastStarted = long.MinValue;
    private int _analyzing;

    /// <summary>Counts tasks this store has just committed; starts an analysis when enough have been.</summary>
    public void Inserted(int count)
    {
        if (Interlocked.Add(ref _insertedSinceAnalysis, count) < Interlocked.Read(ref _threshold)
            || Interlocked.Exchange(ref _analyzing, 1) == 1)
        {
            return;
        }

        var now = clock.GetTimestamp();
        var last = Interlocked.Read(ref _lastStarted);
        if (last != long.MinValue && clock.GetElapsedTime(last, now) < MinInterval)
        {
            Interlocked.Exchange(ref _analyzing, 0);
            return;
        }

        Interlocked.Exchange(ref _lastStarted, now);
        Interlocked.Exchange(ref _insertedSinceAnalysis, 0);
        _ = Task.Run(AnalyzeAsync, CancellationToken.None);
    }

    private async Task AnalyzeAsync()
    {
        try
        {
            await using var connection = await readers.OpenConnectionAsync(storeDisposed);
            await using (var analyze = new NpgsqlCommand(SqlText.Query("AnalyzeTasks"), connection))
            {
                await analyze.ExecuteNonQueryAsync(storeDisposed);
            }

            await using var estimate = new NpgsqlCommand(SqlText.Query("EstimatedTaskRows"), connection);
            var rows = await estimate.ExecuteScalarAsync(storeDisposed) is long counted ? counted : 0;
            Interlocked.Exchange(ref _threshold, Math.Max(MinInserts, (long)(rows * ScaleFactor)));
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            // Statistics only steer plans: a failed analysis costs speed, never correctness; autovacuum still runs.
            if (!storeDisposed.IsCancellationRequested)
            {
                LogAnalysisFailed(error);
            }
        }
        finally
        {
            Interlocked.Exchange(ref _analyzing, 0);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not refresh the planner's statistics of durq_tasks; claims may be slower until autovacuum does")]
    private partial void LogAnalysisFailed(Exception error);
}
