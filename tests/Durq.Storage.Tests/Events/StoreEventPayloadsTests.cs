using System.Text;
using Durq.Core.Storage;
using Durq.Storage.Events;

namespace Durq.Storage.Tests.Events;

/// <summary>The payloads a shared store's NOTIFY carries the changes in: under PostgreSQL's limit, and read back as written.</summary>
public sealed class StoreEventPayloadsTests
{
    [Fact]
    public void Many_changes_are_cut_into_payloads_under_the_notify_limit_and_read_back_in_order()
    {
        var origin = Guid.NewGuid();
        var changes = Enumerable.Range(0, 1000)
            .Select(i => new StoreEvent("tenant-é", StoreEventKinds.Task, StoreEventKinds.Claimed, $"type.{i}", Guid.NewGuid()))
            .ToList();

        var payloads = StoreEventPayloads.Encode(origin, "schema_1", changes);

        Assert.True(payloads.Count > 1);
        Assert.All(payloads, p => Assert.True(Encoding.UTF8.GetByteCount(p) <= StoreEventPayloads.MaxBytes));
        var read = payloads.Select(p => StoreEventPayloads.Decode(p)!.Value).ToList();
        Assert.All(read, r => Assert.Equal((origin, "schema_1"), (r.Origin, r.Store)));
        Assert.Equal(changes, read.SelectMany(r => r.Events));
    }

    [Fact]
    public void Tabs_line_breaks_and_backslashes_in_names_survive()
    {
        var change = new StoreEvent("a\tb\nc\\d", StoreEventKinds.Circuit, "open", "t\\n", From: "closed");

        var read = StoreEventPayloads.Decode(Assert.Single(StoreEventPayloads.Encode(Guid.NewGuid(), "s\tx", [change])));

        Assert.Equal("s\tx", read!.Value.Store);
        Assert.Equal(change, Assert.Single(read.Value.Events));
    }

    [Fact]
    public void A_payload_of_another_shape_is_not_read() => Assert.Null(StoreEventPayloads.Decode("tenant|type"));
}
