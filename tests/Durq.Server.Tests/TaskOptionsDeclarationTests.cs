using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Durq.Contracts;
using Durq.Core.Tasks;

namespace Durq.Server.Tests;

/// <summary>
/// A task option is declared once (<see cref="TaskOptionFields"/>): the OpenAPI document, the parser, the read-back and the
/// SDK's record must all name the same members. The parser is probed from outside: a member it reads answers a
/// wrong-typed value with a 422 naming it; a member it does not know is ignored.
/// </summary>
public sealed class TaskOptionsDeclarationTests() : ApiTest(new DurqApiFactory())
{
    [Fact]
    public async Task The_openapi_options_and_the_members_the_parser_accepts_are_the_same()
    {
        var documented = await DocumentedOptionPathsAsync();
        var candidates = documented.Union(TaskOptionFields.All.Select(f => f.Path)).Union(SdkOptionPaths()).Append("no_such_option");

        var accepted = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var path in candidates)
        {
            if (await ParserRejectsAWrongTypeAtAsync(path))
            {
                accepted.Add(path);
            }
        }

        Assert.Equal(documented, accepted);
    }

    [Fact]
    public async Task The_read_back_options_and_the_sdk_record_name_the_documented_members()
    {
        var documented = await DocumentedOptionPathsAsync();
        // An expiry is the one option with no value by default: asked for here, so the read-back shows every member.
        var task = await Client.GetTaskAsync(await Client.EnqueueAsync(
            """{"activity_type":"a","input":null,"options":{"schedule_to_start_seconds":60}}"""));

        Assert.Equal(documented, LeafPaths(task.GetProperty("options")));
        Assert.Equal(documented, SdkOptionPaths());
    }

    private async Task<SortedSet<string>> DocumentedOptionPathsAsync()
    {
        using var response = await Client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var schemas = (await response.ReadJsonAsync()).GetProperty("components").GetProperty("schemas");
        var options = schemas.GetProperty("EnqueueTaskRequest").GetProperty("properties").GetProperty("options");
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        AddSchemaPaths(schemas, Resolve(schemas, options), "", paths);
        return paths;
    }

    private static void AddSchemaPaths(JsonElement schemas, JsonElement schema, string prefix, SortedSet<string> paths)
    {
        foreach (var member in schema.GetProperty("properties").EnumerateObject())
        {
            var target = Resolve(schemas, member.Value);
            if (target.TryGetProperty("properties", out _))
            {
                AddSchemaPaths(schemas, target, prefix + member.Name + ".", paths);
            }
            else
            {
                paths.Add(prefix + member.Name);
            }
        }
    }

    /// <summary>Follows a <c>$ref</c>, also one wrapped in <c>oneOf</c>/<c>anyOf</c> as nullable members are.</summary>
    private static JsonElement Resolve(JsonElement schemas, JsonElement schema)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            return schemas.GetProperty(reference.GetString()!.Split('/')[^1]);
        }

        foreach (var keyword in new[] { "oneOf", "anyOf", "allOf" })
        {
            if (schema.TryGetProperty(keyword, out var choices)
                && choices.EnumerateArray().FirstOrDefault(c => c.TryGetProperty("$ref", out _)) is { ValueKind: JsonValueKind.Object } choice)
            {
                return Resolve(schemas, choice);
            }
        }

        return schema;
    }

    private async Task<bool> ParserRejectsAWrongTypeAtAsync(string path)
    {
        // An object is the wrong type for every option that is not itself an object of options.
        JsonNode value = new JsonObject();
        foreach (var name in path.Split('.').Reverse())
        {
            value = new JsonObject { [name] = value };
        }

        var body = new JsonObject { ["activity_type"] = "a", ["input"] = null, ["options"] = value };
        using var response = await Client.PostJsonAsync(Http.Tasks, body.ToJsonString());
        if (response.StatusCode != HttpStatusCode.UnprocessableEntity)
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return false;
        }

        var problem = await response.ReadJsonAsync();
        return problem.GetProperty("errors").EnumerateArray().Any(e => e.GetProperty("field").GetString() == "options." + path);
    }

    private static SortedSet<string> LeafPaths(JsonElement element, string prefix = "")
    {
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var member in element.EnumerateObject())
        {
            if (member.Value.ValueKind == JsonValueKind.Object)
            {
                paths.UnionWith(LeafPaths(member.Value, prefix + member.Name + "."));
            }
            else
            {
                paths.Add(prefix + member.Name);
            }
        }

        return paths;
    }

    /// <summary>The members the SDK can send: its records' JSON properties, the retry record nested under <c>retry</c>.</summary>
    private static SortedSet<string> SdkOptionPaths()
    {
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var property in DurqJson.Context.TaskOptionsContract.Properties)
        {
            if (property.PropertyType == typeof(RetryContract))
            {
                paths.UnionWith(DurqJson.Context.RetryContract.Properties.Select(p => property.Name + "." + p.Name));
            }
            else
            {
                paths.Add(property.Name);
            }
        }

        return paths;
    }
}
