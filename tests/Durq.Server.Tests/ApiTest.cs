namespace Durq.Server.Tests;

/// <summary>A test class with its own Durq node (fresh database, fake clock) and a client for it.</summary>
public abstract class ApiTest(DurqApiFactory factory) : IAsyncLifetime
{
    protected DurqApiFactory Factory { get; } = factory;

    protected HttpClient Client { get; private set; } = null!;

    public virtual Task InitializeAsync()
    {
        Client = Factory.CreateClient();
        return Task.CompletedTask;
    }

    public virtual async Task DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
    }
}
