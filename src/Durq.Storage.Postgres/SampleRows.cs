using Durq.Core.Metrics;
using Npgsql;

namespace Durq.Storage.Postgres;

/// <summary>Reads and binds <c>durq_timeseries</c> rows.</summary>
internal static class SampleRows
{
    public static NpgsqlCommand WithSample(this NpgsqlCommand command, MetricSample sample) => command
        .With("tenant", sample.Tenant).With("bucket_start", sample.BucketStart)
        .With("enqueued", sample.Enqueued).With("completed", sample.Completed).With("failed", sample.Failed).With("dead", sample.Dead)
        .With("pending", sample.Pending).With("claimed", sample.Claimed).With("dlq_size", sample.DlqSize)
        .With("active_workers", sample.ActiveWorkers);

    /// <summary>The rows of <c>ListSamples.sql</c>, in its column order.</summary>
    public static async Task<IReadOnlyList<MetricSample>> ReadAllAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var samples = new List<MetricSample>();
        while (await reader.ReadAsync(cancellationToken))
        {
            samples.Add(new MetricSample(
                reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1),
                reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5),
                reader.GetInt64(6), reader.GetInt64(7), reader.GetInt64(8), reader.GetInt32(9)));
        }

        return samples;
    }
}
