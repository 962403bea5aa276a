namespace Durq.Server.Hosting;

/// <summary>
/// Why a started server stopped itself at once (a check that needs the bound addresses can only run once they are
/// bound). Stopping rather than throwing keeps the host from logging a stack trace; <see cref="DurqWebApp.RunAsync"/>
/// then raises it as one line.
/// </summary>
internal sealed class StartupRefusal
{
    public string? Message { get; private set; }

    public void Refuse(string message) => Message ??= message;
}
