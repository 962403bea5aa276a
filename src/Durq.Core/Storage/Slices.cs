namespace Durq.Core.Storage;

/// <summary>
/// A large change made as a series of small writes, so that other callers' writes interleave with it and the writer
/// is never held for long (e.g. retrying a whole dead-letter queue).
/// </summary>
internal static class Slices
{
    /// <summary>Rows changed per write.</summary>
    public const int Size = 500;

    /// <summary>Runs <paramref name="slice"/> (which changes at most <see cref="Size"/> rows) until one changes fewer; returns the total.</summary>
    public static async Task<int> RepeatAsync(Func<Task<int>> slice)
    {
        ArgumentNullException.ThrowIfNull(slice);
        var total = 0;
        int changed;
        do
        {
            changed = await slice();
            total += changed;
        }
        while (changed == Size);
        return total;
    }
}
