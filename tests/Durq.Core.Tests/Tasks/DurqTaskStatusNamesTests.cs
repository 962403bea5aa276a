using Durq.Core.Tasks;

namespace Durq.Core.Tests.Tasks;

public class DurqTaskStatusNamesTests
{
    [Theory]
    [InlineData(DurqTaskStatus.Pending, "pending")]
    [InlineData(DurqTaskStatus.Claimed, "claimed")]
    [InlineData(DurqTaskStatus.Completed, "completed")]
    [InlineData(DurqTaskStatus.Dead, "dead")]
    [InlineData(DurqTaskStatus.Cancelled, "cancelled")]
    public void Each_status_has_one_wire_name_that_parses_back(DurqTaskStatus status, string name)
    {
        Assert.Equal(name, status.ToWire());
        Assert.True(DurqTaskStatusNames.TryParse(name, out var parsed));
        Assert.Equal(status, parsed);
        Assert.Equal(status, DurqTaskStatusNames.Parse(name));
    }

    [Fact]
    public void All_lists_every_status_in_state_machine_order()
    {
        Assert.Equal(Enum.GetValues<DurqTaskStatus>().Select(s => s.ToWire()), DurqTaskStatusNames.All);
    }

    [Theory]
    [InlineData("Pending")]
    [InlineData("canceled")]
    [InlineData(" pending")]
    [InlineData("")]
    [InlineData(null)]
    public void Unknown_names_are_not_statuses(string? name)
    {
        Assert.False(DurqTaskStatusNames.TryParse(name, out _));
    }

    [Fact]
    public void Parse_of_an_unknown_name_throws_a_format_exception()
    {
        Assert.Throws<FormatException>(() => DurqTaskStatusNames.Parse("running"));
    }

    [Fact]
    public void Undefined_status_value_has_no_wire_name()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ((DurqTaskStatus)42).ToWire());
    }
}
