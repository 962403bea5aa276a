using System.Text.Json;
using Durq.Core.Validation;

namespace Durq.Core.Tests.Validation;

/// <summary>The fingerprint an <c>Idempotency-Key</c> is checked against.</summary>
public class RequestFingerprintTests
{
    private static string Fingerprint(string json) => RequestFingerprint.Compute(JsonElement.Parse(json));

    [Theory]
    [InlineData("""{"activity_type":"a","input":{"x":[1,2]}}""")]
    [InlineData("""{ "activity_type" : "a" , "input" : { "x" : [ 1 , 2 ] } }""")]
    [InlineData("{\n\t\"activity_type\": \"a\",\r\n\t\"input\": {\"x\": [1,\n2]}\n}\n")]
    public void Same_json_with_different_whitespace_has_the_same_fingerprint(string json)
    {
        Assert.Equal(Fingerprint("""{"activity_type":"a","input":{"x":[1,2]}}"""), Fingerprint(json));
    }

    [Theory]
    [InlineData("""{"activity_type":"b","input":{"x":[1,2]}}""")]
    [InlineData("""{"activity_type":"a","input":{"x":[1,3]}}""")]
    [InlineData("""{"activity_type":"a","input":{"x":[2,1]}}""")]
    [InlineData("""{"activity_type":"a","input":{"x":"[1,2]"}}""")]
    [InlineData("""{"activity_type":"a","input":{"x":[1,2]},"options":{"priority":1}}""")]
    public void A_different_member_or_value_changes_the_fingerprint(string json)
    {
        Assert.NotEqual(Fingerprint("""{"activity_type":"a","input":{"x":[1,2]}}"""), Fingerprint(json));
    }

    [Fact]
    public void Fingerprint_is_lowercase_hex_sha256()
    {
        Assert.Matches("^[0-9a-f]{64}$", Fingerprint("{}"));
    }
}
