using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Options;

namespace Durq.Server.Hosting;

/// <summary>
/// Turns what the host throws when it cannot start as configured into a <see cref="DurqStartupException"/>: one line
/// saying what is wrong and what to change. Anything not recognised here stays as it is, a bug to report.
/// </summary>
internal static class StartupFailures
{
    public static DurqStartupException? Describe(Exception error, string? urls) => error switch
    {
        DurqStartupException known => known,
        OptionsValidationException invalid => new DurqStartupException(string.Join(" ", invalid.Failures), invalid),
        IOException { InnerException: AddressInUseException } => new DurqStartupException(
            $"{Sentence(error.Message)} Another program (another durq serve?) listens there: stop it, or choose another port with --urls.", error),
        IOException { InnerException: SocketException or { InnerException: SocketException } } => new DurqStartupException(
            $"{Sentence(error.Message)} ({Innermost(error).Message}). Choose another address with --urls.", error),
        // Kestrel's own words: "Invalid url: '<the address>'".
        FormatException when error.Message.StartsWith("Invalid url", StringComparison.Ordinal) => new DurqStartupException(
            $"{error.Message[(error.Message.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim()} in --urls ({urls}) is not an address to listen on: "
            + $"give a scheme, host and port, e.g. {DurqWebApp.DefaultUrls} or http://0.0.0.0:8080, several separated by ';'.", error),
        _ => null,
    };

    private static string Sentence(string message) => message.EndsWith('.') ? message : message + ".";

    private static Exception Innermost(Exception error) => error.InnerException is { } inner ? Innermost(inner) : error;
}
