using Durq.Core.Storage;
using Durq.Storage.Writing;

namespace Durq.Storage.Writes;

/// <summary>
/// A reaper's write over tasks of any tenant: it reads which tenants its rows belong to before the batch locks
/// anything (their pending counts change, so they must be declared), then changes the rows of those tenants one by one.
/// </summary>
internal abstract class TenantSweepWrite(CancellationToken cancellationToken) : Write<IReadOnlyList<ReclaimedTask>>(cancellationToken)
{
    private IReadOnlyList<string> _tenants = [];

    /// <summary>It changes several tasks one by one; a refusal after the first would leave the others written.</summary>
    public override bool MayRefuseAfterWriting => true;

    public override async ValueTask<IReadOnlyList<string>> CountedTenantsAsync(WriteContext context)
    {
        _tenants = await SelectTenantsAsync(context);
        return _tenants;
    }

    protected sealed override async ValueTask<IReadOnlyList<ReclaimedTask>> RunAsync(WriteContext context) =>
        _tenants.Count == 0 ? [] : await SweepAsync(context, _tenants);

    /// <summary>The tenants of the first rows the sweep will change.</summary>
    protected abstract ValueTask<IReadOnlyList<string>> SelectTenantsAsync(WriteContext context);

    /// <summary>Changes the rows of <paramref name="tenants"/>, whose counts the batch now holds.</summary>
    protected abstract ValueTask<IReadOnlyList<ReclaimedTask>> SweepAsync(WriteContext context, IReadOnlyList<string> tenants);
}
