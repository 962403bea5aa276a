using System.Text.Json;
using System.Text.Json.Serialization;

namespace Durq.Client.Tests;

internal sealed record EmailInput(string To);

internal sealed record EmailResult(string MessageId);

/// <summary>Source-generated serialization of the tests' payloads, in the web defaults' camelCase like the worker's default.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(EmailInput))]
[JsonSerializable(typeof(EmailResult))]
internal sealed partial class TestJson : JsonSerializerContext;
