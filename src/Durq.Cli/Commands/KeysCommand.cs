using System.CommandLine;
using Durq.Cli.Output;
using Durq.Core;
using Durq.Core.Errors;
using Durq.Core.Keys;
using Durq.Core.Storage;
using Durq.Server.Auth;
using Durq.Server.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Durq.Cli.Commands;

/// <summary>
/// <c>durq keys create|list|revoke</c>: API keys, made on the store directly (<c>--data-dir</c> / <c>--postgres</c>, like
/// <c>migrate</c>), so the first key needs no key. A running server sees a new or revoked key within seconds.
/// </summary>
internal static class KeysCommand
{
    public static Command Create() => new("keys", "Create, list and revoke API keys, on the store directly.") { CreateKey(), List(), Revoke() };

    private static Command CreateKey()
    {
        var store = new StoreFlags();
        var tenant = new Option<string>("--tenant") { Description = $"The tenant the key acts for. Default '{Tenants.Default}'." };
        var scopes = new Option<string>("--scopes")
        {
            Description = $"What the key may do, comma-separated: {string.Join(", ", ApiScopes.All)}.",
            Required = true,
        };
        var name = new Option<string>("--name") { Description = "A label for people, e.g. the service that uses the key." };
        var expiresIn = new Option<string>("--expires-in") { Description = "Lifetime such as 90d, 12h or 30m. Default: never expires." };
        var command = new Command("create", "Create a key; it is printed once, on stdout, and never shown again.")
        {
            tenant, scopes, name, expiresIn, store.DataDir, store.Postgres,
        };
        return Set(command, store, async (result, issuer, cancellationToken) =>
        {
            var owner = result.GetValue(tenant) ?? Tenants.Default;
            if (!Tenants.IsValid(owner))
            {
                throw new CommandLineException($"--tenant '{owner}' is not a tenant name: it must match {Tenants.Pattern}.");
            }

            var granted = ApiScopes.Parse(result.GetValue(scopes)!.Split(','), out var scopeError)
                ?? throw new CommandLineException("--scopes: " + scopeError);
            var expiresAt = result.GetValue(expiresIn) is { } lifetime ? issuer.Now + Lifetimes.Parse(lifetime) : (DateTimeOffset?)null;
            var (key, token) = await issuer.CreateAsync(owner, granted, result.GetValue(name), expiresAt, cancellationToken);
            Terminal.Error.MarkupLine(Markup.Escape(
                $"Created key {key.Id} for tenant '{key.Tenant}' with scopes {string.Join(", ", key.Scopes)}" +
                (key.ExpiresAt is { } at ? $", expiring {Display.Time(at)}." : ".") +
                " It is printed below once; store it now, it cannot be shown again."));
            Terminal.WriteRaw(token);
        });
    }

    private static Command List()
    {
        var store = new StoreFlags();
        var tenant = new Option<string>("--tenant") { Description = "Only this tenant's keys. Default: every tenant's." };
        var command = new Command("list", "List keys (never their secrets).") { tenant, store.DataDir, store.Postgres };
        return Set(command, store, async (result, issuer, cancellationToken) =>
        {
            var keys = await issuer.ListAsync(result.GetValue(tenant), cancellationToken);
            if (keys.Count == 0)
            {
                Terminal.Out.WriteLine("No API keys. Make one with: " + ProtectedModeCheck.CreateKeyCommand);
                return;
            }

            var table = TaskTables.NewTable("ID", "TENANT", "NAME", "SCOPES", "STATUS", "CREATED", "EXPIRES");
            var now = issuer.Now;
            foreach (var key in keys)
            {
                table.AddRow(Display.Text(key.Id), Display.Text(key.Tenant), Display.Text(key.Name), Display.Text(string.Join(",", key.Scopes)),
                    Display.Text(key.StatusAt(now)), Display.Text(Display.Time(key.CreatedAt)), Display.Text(Display.Time(key.ExpiresAt)));
            }

            Terminal.Out.Write(table);
        });
    }

    private static Command Revoke()
    {
        var store = new StoreFlags();
        var id = new Argument<string>("key-id") { Description = "The key's id, as 'durq keys list' shows it." };
        var command = new Command("revoke", "Revoke a key: requests with it are refused from now on.") { id, store.DataDir, store.Postgres };
        return Set(command, store, async (result, issuer, cancellationToken) =>
        {
            var keyId = result.GetValue(id)!;
            var key = (await issuer.ListAsync(null, cancellationToken)).FirstOrDefault(k => k.Id == keyId)
                ?? throw new CommandLineException($"no API key has the id '{keyId}'; 'durq keys list' shows them.");
            var revoked = await issuer.RevokeAsync(key.Tenant, keyId, cancellationToken);
            Terminal.Out.WriteLine($"Revoked key {revoked.Id} of tenant '{revoked.Tenant}' at {Display.Time(revoked.RevokedAt)}.");
        });
    }

    private static Command Set(Command command, StoreFlags store, Func<ParseResult, ApiKeyIssuer, CancellationToken, Task> run)
    {
        command.SetAction(async (result, cancellationToken) =>
        {
            // Keys are made beside a running server, so this command does not take the data folder's lock.
            await using var services = StoreRegistration.BuildStoreOnly(store.Configuration(result, new() { ["Storage:ShareDataFolder"] = "true" }));
            var keys = services.GetRequiredService<IApiKeyStore>();
            try
            {
                await keys.MigrateAsync(cancellationToken);
                await run(result, new ApiKeyIssuer(keys, TimeProvider.System), cancellationToken);
                return ClientAction.Succeeded;
            }
            catch (Exception error) when (error is CommandLineException or DurqException)
            {
                ClientAction.WriteError(error.Message);
                return ClientAction.Failed;
            }
        });
        return command;
    }
}

/// <summary>Lifetimes as people write them: a whole number and a unit, <c>90d</c>, <c>2w</c>, <c>12h</c>, <c>30m</c>, <c>45s</c>.</summary>
internal static class Lifetimes
{
    public static TimeSpan Parse(string text)
    {
        var number = text.Length > 1 && int.TryParse(text.AsSpan(0, text.Length - 1), out var n) && n > 0 ? n : 0;
        return (number, text.Length > 0 ? char.ToLowerInvariant(text[^1]) : ' ') switch
        {
            ( > 0, 'w') => TimeSpan.FromDays(7 * number),
            ( > 0, 'd') => TimeSpan.FromDays(number),
            ( > 0, 'h') => TimeSpan.FromHours(number),
            ( > 0, 'm') => TimeSpan.FromMinutes(number),
            ( > 0, 's') => TimeSpan.FromSeconds(number),
            _ => throw new CommandLineException($"--expires-in '{text}' is not a lifetime; write a whole number and a unit: 90d, 2w, 12h, 30m or 45s."),
        };
    }
}
