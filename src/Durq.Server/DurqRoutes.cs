namespace Durq.Server;

/// <summary>Where the API lives.</summary>
public static class DurqRoutes
{
    public const string Prefix = "/api/v1/durable";
}
