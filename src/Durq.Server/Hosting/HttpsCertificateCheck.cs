using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;

namespace Durq.Server.Hosting;

/// <summary>
/// Checks, before Kestrel binds, that every https address has a certificate from Kestrel's standard configuration
/// (<c>Kestrel:Certificates:Default</c>, or an endpoint's own <c>Certificate</c>) and that the files load. Kestrel would
/// otherwise fall back to the ASP.NET Core development certificate where one is installed, or fail with a stack trace.
/// </summary>
internal static class HttpsCertificateCheck
{
    private const string DefaultSection = "Kestrel:Certificates:Default";
    private const string Hint = "see docs/operations.md, \"TLS\"";

    public static void EnsureUsable(IConfiguration configuration, string contentRoot)
    {
        var toLoad = new List<IConfigurationSection>();
        // Kestrel loads the default certificate whenever it is configured, even when every address is http.
        if (configuration.GetSection(DefaultSection) is var fallback && !string.IsNullOrEmpty(fallback["Path"]))
        {
            toLoad.Add(fallback);
        }

        foreach (var (address, certificate) in HttpsAddresses(configuration))
        {
            if (!string.IsNullOrEmpty(certificate["Subject"]))
            {
                continue; // From the certificate store; Kestrel itself reports a subject it cannot find.
            }

            if (string.IsNullOrEmpty(certificate["Path"]))
            {
                throw new DurqStartupException(
                    $"{address} needs a certificate: set {DefaultSection}:Path to a PEM certificate and {DefaultSection}:KeyPath " +
                    $"to its key (or Path to a .pfx and Password); {Hint}.");
            }

            if (!toLoad.Any(section => section.Path == certificate.Path))
            {
                toLoad.Add(certificate);
            }
        }

        foreach (var certificate in toLoad)
        {
            Load(certificate, contentRoot);
        }
    }

    /// <summary>Every https address asked for, with the certificate section that serves it.</summary>
    private static IEnumerable<(string Address, IConfigurationSection Certificate)> HttpsAddresses(IConfiguration configuration)
    {
        var fallback = configuration.GetSection(DefaultSection);
        var endpoints = configuration.GetSection("Kestrel:Endpoints").GetChildren().ToList();
        // As in Kestrel: configured endpoints replace the urls setting.
        if (endpoints.Count > 0)
        {
            return endpoints
                .Where(endpoint => IsHttps(endpoint["Url"]))
                .Select(endpoint => (endpoint["Url"]!, HasCertificate(endpoint.GetSection("Certificate")) ? endpoint.GetSection("Certificate") : fallback));
        }

        return (configuration["urls"] ?? "")
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(IsHttps)
            .Select(url => (url, fallback));
    }

    private static bool IsHttps(string? url) => url?.StartsWith("https://", StringComparison.OrdinalIgnoreCase) == true;

    private static bool HasCertificate(IConfigurationSection section) =>
        !string.IsNullOrEmpty(section["Path"]) || !string.IsNullOrEmpty(section["Subject"]);

    /// <summary>Loads the certificate as Kestrel will: a PEM pair when <c>KeyPath</c> is set, else a PFX with <c>Password</c>.</summary>
    private static void Load(IConfigurationSection section, string contentRoot)
    {
        var path = Path.GetFullPath(section["Path"]!, contentRoot);
        var keyPath = section["KeyPath"] is { Length: > 0 } key ? Path.GetFullPath(key, contentRoot) : null;
        var password = section["Password"];
        var name = section.Path;
        foreach (var (file, setting) in new[] { (path, "Path"), (keyPath, "KeyPath") })
        {
            if (file is not null && !File.Exists(file))
            {
                throw new DurqStartupException($"{name}:{setting} is {file}, which does not exist; {Hint}.");
            }
        }

        try
        {
            using var certificate = keyPath is null
                ? X509CertificateLoader.LoadPkcs12FromFile(path, password)
                : string.IsNullOrEmpty(password)
                    ? X509Certificate2.CreateFromPemFile(path, keyPath)
                    : X509Certificate2.CreateFromEncryptedPemFile(path, password, keyPath);
            if (!certificate.HasPrivateKey)
            {
                throw new DurqStartupException($"{name}:Path ({path}) holds no private key; set {name}:KeyPath to its key file; {Hint}.");
            }
        }
        catch (Exception error) when (error is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            var expected = keyPath is null
                ? $"a .pfx file with {name}:Password (for a PEM certificate also set {name}:KeyPath)"
                : $"a PEM certificate, with its PEM key in {name}:KeyPath ({name}:Password if the key is encrypted)";
            throw new DurqStartupException(
                $"{name}:Path ({path}) cannot be used as a certificate ({OneLine(error.Message)}); it must be {expected}; {Hint}.");
        }
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim().TrimEnd('.');
}
