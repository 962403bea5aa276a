using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Durq.Server.Http;

/// <summary>
/// Tables of what each route gets (its scope, its description), keyed by the route's operation id (its
/// <c>WithName</c>), applied to every endpoint of a group. A route missing from a table stops the server from starting.
/// </summary>
internal static class OperationTables
{
    /// <summary>Gives each endpoint mapped under <paramref name="routes"/> its row of <paramref name="table"/>, by <paramref name="apply"/>.</summary>
    /// <param name="what">What the table holds, for the message that names a route without a row (e.g. "scope").</param>
    public static TBuilder ApplyByOperation<TBuilder, TRow>(
        this TBuilder routes, IReadOnlyDictionary<string, TRow> table, string tableName, string what, Action<EndpointBuilder, TRow> apply)
        where TBuilder : IEndpointConventionBuilder
    {
        routes.Finally(endpoint =>
        {
            var name = endpoint.Metadata.OfType<IEndpointNameMetadata>().LastOrDefault()?.EndpointName;
            if (name is null || !table.TryGetValue(name, out var row))
            {
                throw new InvalidOperationException(
                    $"The route {endpoint.DisplayName} has no {what}: give it a name (WithName) and a line in {tableName}.");
            }

            apply(endpoint, row);
        });
        return routes;
    }
}
