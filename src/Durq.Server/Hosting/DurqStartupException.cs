namespace Durq.Server.Hosting;

/// <summary>
/// The server cannot start as configured. The message is one line that says what to set or fix; <c>durq serve</c>
/// prints it alone, without a stack trace, and exits non-zero.
/// </summary>
public sealed class DurqStartupException(string message) : Exception(message);
