using System.Text.Json;

namespace Durq.EndToEnd.Tests;

/// <summary>
/// docs/operations.md, "TLS", followed to the letter: its openssl command makes the certificate, <c>durq serve</c> serves
/// https with it, curl trusts it with <c>--cacert</c> and <c>durq</c> with <c>SSL_CERT_FILE</c>.
/// </summary>
public sealed class TlsTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly TempDir _folder = new();

    public void Dispose() => _folder.Dispose();

    private string CertPath => Path.Combine(_folder.Path, "cert.pem");

    private string[] CertificateArgs =>
        [$"--Kestrel:Certificates:Default:Path={CertPath}", $"--Kestrel:Certificates:Default:KeyPath={Path.Combine(_folder.Path, "key.pem")}"];

    [Fact]
    public async Task The_documented_self_signed_certificate_serves_https_to_curl_and_durq_and_plain_http_gets_nothing()
    {
        await MakeCertificateAsDocumentedAsync();
        await using var durq = await DurqProcess.StartHttpsAsync(Path.Combine(_folder.Path, "data"), CertificateArgs);
        Assert.Equal("https", durq.BaseAddress.Scheme);
        var tasks = new Uri(durq.BaseAddress, "/api/v1/durable/tasks").ToString();

        var enqueued = await RunAsync("curl", [
            "--silent", "--show-error", "--cacert", CertPath,
            "--request", "POST", "--url", tasks, "--header", "Content-Type: application/json",
            "--data", """{ "activity_type": "session.run", "input": "example", "options": { "max_attempts": 3, "priority": 10 } }""",
        ]);
        Assert.True(enqueued.ExitCode == 0, enqueued.ToString());
        var id = JsonDocument.Parse(enqueued.Stdout).RootElement.GetProperty("task_id").GetString()!;

        var shown = await DurqCliAsync(["tasks", "show", id, "--json", "--url", durq.BaseAddress.ToString()], sslCertFile: CertPath);
        Assert.True(shown.ExitCode == 0, shown.ToString());
        using var task = JsonDocument.Parse(shown.Stdout);
        Assert.Equal("session.run", task.RootElement.GetProperty("activity_type").GetString());
        Assert.Equal("\"example\"", task.RootElement.GetProperty("input").GetRawText());

        // Without the certificate trusted, neither client goes on.
        var untrustedCurl = await RunAsync("curl", ["--silent", "--url", tasks + "/" + id]);
        Assert.Equal(60, untrustedCurl.ExitCode); // CURLE_PEER_FAILED_VERIFICATION
        var untrustedDurq = await DurqCliAsync(["tasks", "show", id, "--url", durq.BaseAddress.ToString()], sslCertFile: null);
        Assert.Equal(1, untrustedDurq.ExitCode);
        Assert.Contains("SSL_CERT_FILE", untrustedDurq.Stderr, StringComparison.Ordinal);

        var plain = new UriBuilder(durq.BaseAddress) { Scheme = "http" }.Uri;
        using var http = new HttpClient { BaseAddress = plain };
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync("/api/v1/durable/tasks/" + id));
    }

    public static TheoryData<string, string[], string> Refusals => new()
    {
        { "no certificate", [], "needs a certificate: set Kestrel:Certificates:Default:Path" },
        { "a missing file", ["--Kestrel:Certificates:Default:Path=missing.pem", "--Kestrel:Certificates:Default:KeyPath=key.pem"], "which does not exist" },
        { "a PEM without its key", ["--Kestrel:Certificates:Default:Path=cert.pem"], "for a PEM certificate also set Kestrel:Certificates:Default:KeyPath" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Https_without_a_usable_certificate_stops_serve_with_one_line_saying_what_to_set(string name, string[] args, string expected)
    {
        await MakeCertificateAsDocumentedAsync();
        var start = RepositoryProgram.StartInfo(
            RepositoryProgram.Durq, ["serve", "--data-dir", Path.Combine(_folder.Path, "data"), "--urls", "https://127.0.0.1:0", .. args]);
        start.WorkingDirectory = _folder.Path;

        var serve = await ProcessRun.RunAsync(start, Timeout);

        Assert.True(serve.ExitCode == 1, $"{name}: {serve}");
        var line = Assert.Single(serve.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain("Durq listening", serve.Stdout, StringComparison.Ordinal);
    }

    // Kestrel loads a configured default certificate even for http addresses, so a bad one is refused there too.
    [Theory]
    [InlineData("https")]
    [InlineData("http")]
    public async Task The_certificate_can_come_from_DURQ_variables(string scheme)
    {
        var start = RepositoryProgram.StartInfo(
            RepositoryProgram.Durq, ["serve", "--data-dir", Path.Combine(_folder.Path, "data"), "--urls", scheme + "://127.0.0.1:0"]);
        start.Environment["DURQ_Kestrel__Certificates__Default__Path"] = Path.Combine(_folder.Path, "from-environment.pfx");

        var serve = await ProcessRun.RunAsync(start, Timeout);

        Assert.True(serve.ExitCode == 1, serve.ToString());
        Assert.Contains("from-environment.pfx, which does not exist", serve.Stderr, StringComparison.Ordinal);
    }

    /// <summary>Runs the openssl command of docs/operations.md, "TLS", as written there, in the test's folder.</summary>
    private async Task MakeCertificateAsDocumentedAsync()
    {
        var command = DocumentedOpensslCommand();
        var start = new System.Diagnostics.ProcessStartInfo("sh") { WorkingDirectory = _folder.Path };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        var openssl = await ProcessRun.RunAsync(start, Timeout);
        Assert.True(openssl.ExitCode == 0, $"{command}\n{openssl}");
        Assert.True(File.Exists(CertPath), $"{command} made no cert.pem");
    }

    private static string DocumentedOpensslCommand()
    {
        var operations = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "operations.md"));
        var tls = operations[operations.IndexOf("\n## TLS\n", StringComparison.Ordinal)..];
        return tls.Split('\n').Single(line => line.StartsWith("openssl req -x509 ", StringComparison.Ordinal));
    }

    private static Task<ProcessResult> RunAsync(string program, string[] args) => ProcessRun.RunAsync(program, args, Timeout);

    private static Task<ProcessResult> DurqCliAsync(string[] args, string? sslCertFile)
    {
        var start = RepositoryProgram.StartInfo(RepositoryProgram.Durq, args);
        if (sslCertFile is null)
        {
            start.Environment.Remove("SSL_CERT_FILE");
        }
        else
        {
            start.Environment["SSL_CERT_FILE"] = sslCertFile;
        }

        return ProcessRun.RunAsync(start, Timeout);
    }
}
