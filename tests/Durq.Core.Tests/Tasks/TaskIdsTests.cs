using Durq.Core.Tasks;

namespace Durq.Core.Tests.Tasks;

public sealed class TaskIdsTests
{
    [Fact]
    public void CompareAsText_orders_ids_exactly_as_their_canonical_text_does()
    {
        var random = new Random(20261129);
        var ids = Enumerable.Range(0, 2000).Select(_ => RandomGuid(random)).ToList();

        for (var i = 1; i < ids.Count; i++)
        {
            var (x, y) = (ids[i - 1], ids[i]);
            Assert.Equal(
                Math.Sign(string.CompareOrdinal(TaskIds.Format(x), TaskIds.Format(y))),
                Math.Sign(TaskIds.CompareAsText(x, y)));
            Assert.Equal(0, TaskIds.CompareAsText(x, x));
        }
    }

    private static Guid RandomGuid(Random random)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }
}
