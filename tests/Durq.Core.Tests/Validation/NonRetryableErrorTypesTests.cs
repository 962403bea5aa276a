namespace Durq.Core.Tests.Validation;

public class NonRetryableErrorTypesTests
{
    private const string Path = "retry.non_retryable_error_types";

    [Fact]
    public void Listed_error_types_are_kept_in_order()
    {
        var retry = Enqueue.Parse(Enqueue.WithOption(Path, """["bad_input", "fatal"]""")).Options.Retry;

        Assert.Equal(["bad_input", "fatal"], retry.NonRetryableErrorTypes);
    }

    [Fact]
    public void One_hundred_types_of_two_hundred_chars_are_accepted()
    {
        var types = Enumerable.Range(0, 100).Select(i => $"\"{i:D3}{new string('x', 197)}\"");

        var retry = Enqueue.Parse(Enqueue.WithOption(Path, $"[{string.Join(',', types)}]")).Options.Retry;

        Assert.Equal(100, retry.NonRetryableErrorTypes.Count);
        Assert.All(retry.NonRetryableErrorTypes, t => Assert.Equal(200, t.Length));
    }

    [Theory]
    [InlineData("\"fatal\"")]
    [InlineData("{}")]
    [InlineData("[1]")]
    [InlineData("[\"\"]")]
    [InlineData("[null]")]
    [InlineData("[\"fatal\", {}]")]
    public void Anything_but_an_array_of_non_empty_strings_is_rejected(string valueJson)
    {
        Assert.Equal(["options." + Path], Enqueue.RejectedFields(Enqueue.WithOption(Path, valueJson)));
    }

    [Fact]
    public void A_type_of_201_chars_is_rejected()
    {
        var json = Enqueue.WithOption(Path, $"[\"{new string('x', 201)}\"]");

        Assert.Equal(["options." + Path], Enqueue.RejectedFields(json));
    }

    [Fact]
    public void More_than_one_hundred_types_are_rejected()
    {
        var types = Enumerable.Range(0, 101).Select(i => $"\"type{i}\"");

        Assert.Equal(["options." + Path], Enqueue.RejectedFields(Enqueue.WithOption(Path, $"[{string.Join(',', types)}]")));
    }
}
