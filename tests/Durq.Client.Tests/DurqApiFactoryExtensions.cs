namespace Durq.Client.Tests;

internal static class DurqApiFactoryExtensions
{
    /// <summary>A <see cref="DurqClient"/> talking to the node through its in-memory transport.</summary>
    public static DurqClient CreateDurqClient(this DurqApiFactory node) => new(node.CreateClient());
}
