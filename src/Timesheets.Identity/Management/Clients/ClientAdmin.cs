using System.Security.Cryptography;
using OpenIddict.Abstractions;
using Timesheets.Identity.Management.Logs;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Timesheets.Identity.Management.Clients;

/// <summary>
/// Applications (OpenIddict applications; Auth0's clients) for the Management API and the admin pages:
/// register native, single-page and machine clients, edit their URLs and grants, rotate a machine
/// client's secret, delete. A secret is generated here, returned once and stored only as OpenIddict's
/// hash. The seeded applications are read-only (seeding rewrites them from the settings at each start).
/// </summary>
internal sealed class ClientAdmin(IOpenIddictApplicationManager applications, ClientPermissions store, AdminLog log)
{
    public const string TargetType = "client";

    private const string Alphanumerics = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public async Task<IReadOnlyList<ClientResponse>> ListAsync(CancellationToken cancellationToken)
    {
        var list = new List<ClientResponse>();
        foreach (var application in await store.AllAsync(cancellationToken))
        {
            list.Add((await store.DescribeAsync(application, cancellationToken)).ToResponse());
        }

        return list;
    }

    public async Task<AdminResult<ClientResponse>> GetAsync(string clientId, CancellationToken cancellationToken) =>
        await store.FindAsync(clientId, cancellationToken) is { } application
            ? AdminResult<ClientResponse>.Success((await store.DescribeAsync(application, cancellationToken)).ToResponse())
            : AdminError.NotFound("application");

    public async Task<AdminResult<ClientResponse>> CreateAsync(ClientCreateRequest request, CancellationToken cancellationToken)
    {
        var appType = request.AppType ?? "";
        var errors = ClientInput.Check(appType, request.Name, nameRequired: true, request.Callbacks, request.AllowedLogoutUrls, request.GrantTypes);
        if (errors.Count > 0)
        {
            return AdminError.Invalid(errors);
        }

        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = RandomNumberGenerator.GetString(Alphanumerics, 32),
            DisplayName = request.Name!.Trim(),
        };
        ClientMapping.Apply(descriptor, appType, Distinct(request.GrantTypes ?? ClientInput.DefaultGrants(appType)),
            Distinct(request.Callbacks), Distinct(request.AllowedLogoutUrls));
        var secret = appType == AppTypes.NonInteractive ? NewSecret() : null;
        descriptor.ClientSecret = secret;
        var after = descriptor.ToResponse();
        log.Record($"Registered application {after.Name} ({after.AppType})", TargetType, after.ClientId, before: null, after);
        await applications.CreateAsync(descriptor, cancellationToken);
        return AdminResult<ClientResponse>.Success(after with { ClientSecret = secret });
    }

    public async Task<AdminResult<ClientResponse>> UpdateAsync(string clientId, ClientUpdateRequest request, CancellationToken cancellationToken)
    {
        if (await FindEditableAsync(clientId, cancellationToken) is not { } found)
        {
            return await RefusalAsync(clientId, cancellationToken);
        }

        var (application, descriptor) = found;
        var before = descriptor.ToResponse();
        var errors = ClientInput.Check(before.AppType, request.Name, nameRequired: false, request.Callbacks, request.AllowedLogoutUrls, request.GrantTypes);
        if (errors.Count > 0)
        {
            return AdminError.Invalid(errors);
        }

        descriptor.DisplayName = request.Name?.Trim() ?? descriptor.DisplayName;
        ClientMapping.Apply(descriptor, before.AppType, Distinct(request.GrantTypes ?? before.GrantTypes),
            Distinct(request.Callbacks ?? before.Callbacks), Distinct(request.AllowedLogoutUrls ?? before.AllowedLogoutUrls));
        var after = descriptor.ToResponse();
        log.Record($"Updated application {after.Name}", TargetType, clientId, before, after);
        await store.SaveAsync(application, descriptor, cancellationToken);
        return AdminResult<ClientResponse>.Success(after);
    }

    /// <summary>Deletes the application with its grants and tokens (OpenIddict's store does both in one transaction).</summary>
    public async Task<AdminResult<ClientResponse>> DeleteAsync(string clientId, CancellationToken cancellationToken)
    {
        if (await FindEditableAsync(clientId, cancellationToken) is not { } found)
        {
            return await RefusalAsync(clientId, cancellationToken);
        }

        var before = found.Descriptor.ToResponse();
        log.Record($"Deleted application {before.Name}", TargetType, clientId, before, after: null);
        await applications.DeleteAsync(found.Application, cancellationToken);
        return AdminResult<ClientResponse>.Success(before);
    }

    /// <summary>A new secret for a machine client: the old one stops working at once here, within a minute on other instances.</summary>
    public async Task<AdminResult<ClientResponse>> RotateSecretAsync(string clientId, CancellationToken cancellationToken)
    {
        if (await FindEditableAsync(clientId, cancellationToken) is not { } found)
        {
            return await RefusalAsync(clientId, cancellationToken);
        }

        if (found.Descriptor.ClientType != ClientTypes.Confidential)
        {
            return AdminError.Conflict("Only a machine client has a secret: apps on phones and in browsers cannot keep one.");
        }

        var secret = NewSecret();
        found.Descriptor.ClientSecret = secret;
        var after = found.Descriptor.ToResponse();
        // The secret itself is never logged: the entry says only that it changed.
        log.Record($"Rotated the secret of application {after.Name}", TargetType, clientId, before: new { secret = "(previous)" }, after: new { secret = "(new, shown once)" });
        await store.SaveAsync(found.Application, found.Descriptor, cancellationToken);
        return AdminResult<ClientResponse>.Success(after with { ClientSecret = secret });
    }

    private async Task<(OpenIddict.EntityFrameworkCore.Models.OpenIddictEntityFrameworkCoreApplication Application, OpenIddictApplicationDescriptor Descriptor)?> FindEditableAsync(
        string clientId, CancellationToken cancellationToken)
    {
        if (ClientMapping.SystemClients.Contains(clientId) || await store.FindAsync(clientId, cancellationToken) is not { } application)
        {
            return null;
        }

        return (application, await store.DescribeAsync(application, cancellationToken));
    }

    private async Task<AdminError> RefusalAsync(string clientId, CancellationToken cancellationToken) =>
        ClientMapping.SystemClients.Contains(clientId) && await store.FindAsync(clientId, cancellationToken) is not null
            ? SystemClient
            : AdminError.NotFound("application");

    public static readonly AdminError SystemClient = AdminError.Conflict(
        "This application is configured by the server's settings (Identity:…, Clients:…) and set again at every start: change it there.");

    private static List<string> Distinct(IEnumerable<string>? values) => [.. (values ?? []).Select(v => v.Trim()).Distinct(StringComparer.Ordinal)];

    /// <summary>48 characters from 62: about 285 bits.</summary>
    private static string NewSecret() => RandomNumberGenerator.GetString(Alphanumerics, 48);
}
