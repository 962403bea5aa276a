using System.Text.Json;
using Durq.Contracts;

namespace Durq.Client.Tests;

public sealed class DurqPayloadTests
{
    [Fact]
    public void A_source_generated_type_round_trips_without_reflection()
    {
        var json = DurqPayload.Serialize(new EmailInput("ada@example.com"), TestJson.Default.EmailInput);

        Assert.Equal("""{"to":"ada@example.com"}""", json.Json);
        Assert.Equal(new EmailInput("ada@example.com"), DurqPayload.Deserialize(json, TestJson.Default.EmailInput));
    }

    [Fact]
    public void Without_options_the_web_defaults_apply()
    {
        var json = DurqPayload.Serialize(new EmailResult("m-1"));

        Assert.Equal("""{"messageId":"m-1"}""", json.Json);
        Assert.Equal(new EmailResult("m-1"), DurqPayload.Deserialize<EmailResult>(new RawJson("""{"MessageId":"m-1"}""")));
    }

    [Fact]
    public void Options_choose_the_naming()
    {
        var snakeCase = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

        Assert.Equal("""{"message_id":"m-1"}""", DurqPayload.Serialize(new EmailResult("m-1"), snakeCase).Json);
    }

    [Fact]
    public void A_JSON_null_reads_as_default_and_an_empty_RawJson_is_refused()
    {
        Assert.Null(DurqPayload.Deserialize(new RawJson("null"), TestJson.Default.EmailInput));
        Assert.Throws<ArgumentException>(() => DurqPayload.Deserialize(default, TestJson.Default.EmailInput));
    }
}
