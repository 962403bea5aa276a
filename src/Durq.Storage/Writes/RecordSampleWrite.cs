using Durq.Core.Metrics;
using Durq.Storage.Writing;

namespace Durq.Storage.Writes;

/// <summary>
/// Stores a time-series sample unless its bucket has one (every node samples each bucket; the first write keeps it,
/// the others change nothing), then deletes the tenant's samples older than <paramref name="keepSince"/>: the node that
/// stored the bucket's sample is the one that tidies, so the delete runs once per bucket, not once per node.
/// </summary>
internal sealed class RecordSampleWrite(MetricSample sample, DateTimeOffset keepSince, CancellationToken cancellationToken)
    : Write<bool>(cancellationToken)
{
    public override bool GrowsStorage => true;

    /// <summary>A sample lost with the disk's cache is a gap in the series, which the series already shows as a gap.</summary>
    public override bool NeedsDurableCommit => false;

    public override string IfUnconfirmed => "Sampling again is safe: a bucket that has a sample keeps it.";

    protected override async ValueTask<bool> RunAsync(WriteContext context)
    {
        if (!await context.Sql.InsertSampleAsync(sample))
        {
            return false;
        }

        await context.Sql.DeleteSamplesAsync(sample.Tenant, keepSince);
        return true;
    }
}
