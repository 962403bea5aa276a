namespace Durq.Cli.Commands;

/// <summary>The command line asked for something that cannot be done as asked; its message says what to change.</summary>
internal sealed class CommandLineException(string message) : Exception(message);
