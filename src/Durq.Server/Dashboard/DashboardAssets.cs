using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;

namespace Durq.Server.Dashboard;

/// <summary>One file of the dashboard: its bytes, what it is, and the tag a browser revalidates it with.</summary>
internal sealed record DashboardAsset(string Path, byte[] Content, string ContentType, string ETag, bool Immutable);

/// <summary>
/// The dashboard's built files, embedded in this assembly (Durq.Server.csproj names each resource
/// <c>dashboard/&lt;path under wwwroot&gt;</c>), read once into memory: the whole build is under 150 kB. Files under
/// <c>assets/</c> carry a hash of their content in their name (Vite), so they may be cached for good.
/// </summary>
internal static class DashboardAssets
{
    private const string ResourcePrefix = "dashboard/";

    public const string IndexPath = "index.html";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".png"] = "image/png",
        [".ico"] = "image/x-icon",
        [".json"] = "application/json",
        [".woff2"] = "font/woff2",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly Lazy<FrozenDictionary<string, DashboardAsset>> All = new(Load);

    /// <summary>The file at <paramref name="path"/> (relative to /dashboard/, no leading slash), or null.</summary>
    public static DashboardAsset? Find(string path) => All.Value.GetValueOrDefault(path);

    public static IEnumerable<string> Paths => All.Value.Keys;

    private static FrozenDictionary<string, DashboardAsset> Load()
    {
        var assembly = typeof(DashboardAssets).Assembly;
        var assets = new Dictionary<string, DashboardAsset>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            {
                continue;
            }

            // RecursiveDir gives the platform's separator; URLs use '/'.
            var path = name[ResourcePrefix.Length..].Replace('\\', '/');
            var content = Read(assembly, name);
            assets[path] = new DashboardAsset(path, content, ContentTypeOf(path), ETagOf(content),
                Immutable: path.StartsWith("assets/", StringComparison.Ordinal));
        }

        return assets.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static byte[] Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static string ContentTypeOf(string path) =>
        ContentTypes.GetValueOrDefault(System.IO.Path.GetExtension(path), "application/octet-stream");

    private static string ETagOf(byte[] content) => "\"" + Convert.ToHexStringLower(SHA256.HashData(content))[..32] + "\"";
}
