using Durq.Core.Validation;

namespace Durq.Core.Tests.Validation;

/// <summary><c>input</c>: a required member holding any JSON value, kept as the exact text sent, within the size limit.</summary>
public class InputTests
{
    [Theory]
    [InlineData("null")]
    [InlineData("{}")]
    [InlineData("[1, \"two\", null]")]
    [InlineData("\"just text\"")]
    [InlineData("-12.50e+3")]
    [InlineData("0")]
    [InlineData("true")]
    [InlineData("false")]
    public void Input_of_any_json_kind_is_accepted_as_sent(string inputJson)
    {
        Assert.Equal(inputJson, Enqueue.Parse(Enqueue.WithInput(inputJson)).InputJson);
    }

    [Fact]
    public void Input_keeps_its_whitespace_escapes_and_unicode_byte_for_byte()
    {
        const string input = "{ \"text\" :\t\"h\u00e9llo \\u00e9 \u2713 \U0001F680\",\n  \"n\": [1,  2.50 , -0e0] }";

        Assert.Equal(input, Enqueue.Parse(Enqueue.WithInput(input)).InputJson);
    }

    [Theory]
    [InlineData("""{"activity_type": "email.send"}""")]
    [InlineData("""{"activity_type": "email.send", "options": {"input": {}}}""")]
    public void Missing_input_is_rejected(string json)
    {
        Assert.Equal(["input"], Enqueue.RejectedFields(json));
    }

    [Fact]
    public void Input_of_exactly_the_limit_is_accepted_and_one_byte_more_is_rejected()
    {
        var limits = new EnqueueLimits(10);

        Assert.Equal("\"12345678\"", Enqueue.Parse(Enqueue.WithInput("\"12345678\""), limits).InputJson);
        Assert.Equal(["input"], Enqueue.RejectedFields(Enqueue.WithInput("\"123456789\""), limits));
    }

    [Fact]
    public void Input_size_is_measured_in_utf8_bytes_not_chars()
    {
        // "ééé" is 5 chars of JSON text but 8 bytes of UTF-8.
        Assert.Equal(["input"], Enqueue.RejectedFields(Enqueue.WithInput("\"\u00e9\u00e9\u00e9\""), new EnqueueLimits(6)));
    }

    [Fact]
    public void Input_bigger_than_the_default_limit_is_rejected()
    {
        var atLimit = $"\"{new string('x', EnqueueLimits.DefaultMaxInputBytes - 2)}\"";
        var overLimit = $"\"{new string('x', EnqueueLimits.DefaultMaxInputBytes - 1)}\"";

        Assert.Equal(EnqueueLimits.DefaultMaxInputBytes, Enqueue.Parse(Enqueue.WithInput(atLimit)).InputJson.Length);
        Assert.Equal(["input"], Enqueue.RejectedFields(Enqueue.WithInput(overLimit)));
    }
}
