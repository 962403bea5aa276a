namespace Durq.Server.Hosting;

/// <summary>The server cannot start as configured; the message says, in one line, what to change. No stack trace helps.</summary>
public sealed class DurqStartupException(string message) : Exception(message);
