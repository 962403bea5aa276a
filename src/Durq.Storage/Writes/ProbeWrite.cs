using Durq.Storage.Writing;

namespace Durq.Storage.Writes;

/// <summary>
/// A write that changes nothing, run while a storage fault stands, to learn whether it is over: its commit proves the
/// storage takes writes again; its failure shows the fault still there.
/// </summary>
internal sealed class ProbeWrite(CancellationToken cancellationToken) : Write<bool>(cancellationToken)
{
    public override bool ProvesStorageWritable => true;

    protected override async ValueTask<bool> RunAsync(WriteContext context)
    {
        await context.Sql.ProbeWriteAsync();
        return true;
    }
}
