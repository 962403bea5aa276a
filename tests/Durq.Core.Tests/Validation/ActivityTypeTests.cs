namespace Durq.Core.Tests.Validation;

/// <summary><c>activity_type</c>: required string, 1–200 chars, <c>^[A-Za-z0-9][A-Za-z0-9._:/-]*$</c>.</summary>
public class ActivityTypeTests
{
    public static TheoryData<string> Valid => new()
    {
        "a",
        "0",
        "email.send",
        "billing/invoice:render",
        "Z9._:/-",
        new string('a', 200),
    };

    public static TheoryData<string> Invalid => new()
    {
        "",
        ".x",
        "-x",
        "_x",
        "/x",
        "a b",
        "é",
        "email.sénd",
        "email.send\n",
        "tab\there",
        new string('a', 201),
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void Activity_type_matching_the_pattern_is_kept(string activityType)
    {
        Assert.Equal(activityType, Enqueue.Parse(Enqueue.WithActivityType(activityType)).ActivityType);
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Activity_type_breaking_the_pattern_or_length_is_rejected(string activityType)
    {
        Assert.Equal(["activity_type"], Enqueue.RejectedFields(Enqueue.WithActivityType(activityType)));
    }

    [Fact]
    public void Activity_type_of_201_chars_gets_the_shorten_hint()
    {
        var error = Assert.Single(Enqueue.Errors(Enqueue.WithActivityType(new string('a', 201))));

        Assert.Equal("Shorten 'activity_type' to <= 200 chars.", error.Hint);
    }

    [Fact]
    public void An_empty_activity_type_is_asked_for_by_name_not_told_to_shorten()
    {
        var error = Assert.Single(Enqueue.Errors(Enqueue.WithActivityType("")));

        Assert.Equal("Name the activity type, such as 'email.send'; it may not be empty.", error.Hint);
    }

    [Theory]
    [InlineData("""{"input": {}}""")]
    [InlineData("""{"activity_type": null, "input": {}}""")]
    public void Missing_activity_type_is_rejected_as_required(string json)
    {
        var error = Assert.Single(Enqueue.Errors(json));

        Assert.Equal("activity_type", error.Field);
        Assert.Equal("is required", error.Message);
    }

    [Theory]
    [InlineData("5")]
    [InlineData("{}")]
    [InlineData("[\"email.send\"]")]
    [InlineData("true")]
    public void Activity_type_that_is_not_a_string_is_rejected(string valueJson)
    {
        Assert.Equal(["activity_type"], Enqueue.RejectedFields($$$"""{"activity_type": {{{valueJson}}}, "input": {}}"""));
    }
}
