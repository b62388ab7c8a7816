using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using Timesheets.Identity.Configuration;
using Timesheets.Identity.Data;
using Timesheets.Identity.Management.ResourceServers;
using Timesheets.Identity.Users;

namespace Timesheets.Identity.Seeding;

/// <summary>
/// Idempotent start-up seeding: the system APIs and their permissions, roles and their permissions, API scopes, the three
/// applications, and — in demo mode only — one demo user per role; with demo off, the demo users
/// seeded earlier are deleted.
/// </summary>
internal sealed partial class Seeder(
    IdentityDataContext db,
    RoleManager<ApplicationRole> roles,
    UserManager<ApplicationUser> users,
    IOpenIddictApplicationManager applications,
    IOpenIddictScopeManager scopes,
    IOptions<IdentitySettings> identity,
    IOptions<ClientSettings> clients,
    IOptions<DemoSettings> demo,
    ILogger<Seeder> logger)
{
    public static readonly IReadOnlyList<(string Email, string Name, string Role, bool Contractor)> DemoUsers =
    [
        ("employee@exampleco.com", "Emma Employee", Roles.Employee, false),
        ("contractor@exampleco.com", "Carl Contractor", Roles.Contractor, true),
        ("manager@exampleco.com", "Maria Manager", Roles.Manager, false),
        ("admin@exampleco.com", "Adam Admin", Roles.Admin, false),
    ];

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        await SeedApisAndPermissionsAsync(cancellationToken);
        await SeedPermissionsAndRolesAsync(cancellationToken);
        await SeedScopesAsync(cancellationToken);
        await UpsertApplicationAsync(Clients.MobileApp(identity.Value), cancellationToken);
        await UpsertApplicationAsync(Clients.CliApp(identity.Value), cancellationToken);
        await UpsertApplicationAsync(Clients.ImportJob(identity.Value, clients.Value), cancellationToken);
        await SeedApiClientAsync(cancellationToken);
        if (demo.Value.Enabled)
        {
            await SeedDemoUsersAsync(cancellationToken);
        }
        else
        {
            await DeleteDemoUsersAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Demo switched off: the seeded accounts (Admin included, with the shared demo password) must
    /// not outlive it. Only users marked <see cref="ApplicationUser.IsDemo"/> go; a real user who
    /// happens to have a demo email is never marked (see the DemoUserMarking migration rule).
    /// </summary>
    private async Task DeleteDemoUsersAsync(CancellationToken cancellationToken)
    {
        var demoUsers = await db.Users.Where(u => u.IsDemo).Select(u => u.Id).ToListAsync(cancellationToken);
        foreach (var id in demoUsers)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await users.FindByIdAsync(id) is { } user)
            {
                Check(await users.DeleteAsync(user), $"deleting demo user {user.Email}");
                LogDemoUserDeleted(user.Email ?? id);
            }
        }
    }

    /// <summary>
    /// The two system APIs: the Timesheets API and the Management API, with their permissions. Each
    /// Management API permission goes to the Admin role when it is first seeded (so an existing
    /// database's Admins can administer after the upgrade); an admin's later edits stay.
    /// </summary>
    private async Task SeedApisAndPermissionsAsync(CancellationToken cancellationToken)
    {
        var settings = identity.Value;
        var management = ManagementScopes.AudienceFor(settings.Issuer);
        await UpsertSystemApiAsync(settings.ApiAudience, "Timesheets API", settings.AccessTokenLifetime, cancellationToken);
        await UpsertSystemApiAsync(management, "Timesheets Management API", settings.AccessTokenLifetime, cancellationToken);

        // Permissions stored before APIs existed belong to the Timesheets API.
        await db.Permissions.Where(p => p.Audience == "").ExecuteUpdateAsync(s => s.SetProperty(p => p.Audience, settings.ApiAudience), cancellationToken);
        var existing = await db.Permissions.Select(p => p.Name).ToListAsync(cancellationToken);
        foreach (var (name, description) in PermissionNames.All.Where(p => !existing.Contains(p.Key)))
        {
            db.Permissions.Add(new Permission { Name = name, Description = description, Audience = settings.ApiAudience });
        }

        var newManagement = ManagementScopes.All.Where(p => !existing.Contains(p.Key)).ToList();
        foreach (var (name, description) in newManagement)
        {
            db.Permissions.Add(new Permission { Name = name, Description = description, Audience = management });
        }

        await db.SaveChangesAsync(cancellationToken);
        if (newManagement.Count > 0 && await roles.FindByNameAsync(Roles.Admin) is { } admin)
        {
            db.RolePermissions.AddRange(newManagement.Select(p => new RolePermission { RoleId = admin.Id, PermissionName = p.Key }));
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private async Task UpsertSystemApiAsync(string identifier, string name, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        if (!await db.ResourceServers.AnyAsync(r => r.Identifier == identifier, cancellationToken))
        {
            db.ResourceServers.Add(new ResourceServer
            {
                Identifier = identifier, Name = name, IsSystem = true, TokenLifetimeSeconds = (int)lifetime.TotalSeconds,
            });
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private async Task SeedPermissionsAndRolesAsync(CancellationToken cancellationToken)
    {

        // A role's permissions are seeded once, when the role is created; an admin's later edits stay.
        foreach (var (roleName, defaults) in Roles.DefaultPermissions)
        {
            if (await roles.RoleExistsAsync(roleName))
            {
                continue;
            }

            var role = new ApplicationRole(roleName) { Description = $"{roleName}s of ExampleCo" };
            Check(await roles.CreateAsync(role), $"role {roleName}");
            var permissions = roleName == Roles.Admin ? [.. defaults, .. ManagementScopes.All.Keys] : defaults;
            db.RolePermissions.AddRange(permissions.Select(p => new RolePermission { RoleId = role.Id, PermissionName = p }));
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private async Task SeedScopesAsync(CancellationToken cancellationToken)
    {
        var management = ManagementScopes.AudienceFor(identity.Value.Issuer);
        var all = PermissionNames.All.Select(p => (p.Key, p.Value, identity.Value.ApiAudience))
            .Concat(ManagementScopes.All.Select(p => (p.Key, p.Value, management)));
        foreach (var (name, description, audience) in all)
        {
            if (await scopes.FindByNameAsync(name, cancellationToken) is not null)
            {
                continue;
            }

            var descriptor = new OpenIddictScopeDescriptor { Name = name, Description = description };
            descriptor.Resources.Add(audience);
            await scopes.CreateAsync(descriptor, cancellationToken);
        }
    }

    /// <summary>
    /// The API's machine client exists while its secret is configured: with the secret removed, a client
    /// registered earlier is deleted rather than left with a secret nobody rotates.
    /// </summary>
    private async Task SeedApiClientAsync(CancellationToken cancellationToken)
    {
        if (clients.Value.ApiSecret.Length > 0)
        {
            await UpsertApplicationAsync(Clients.TimesheetsApi(identity.Value, clients.Value), cancellationToken);
        }
        else if (await applications.FindByClientIdAsync(Clients.Api, cancellationToken) is { } stale)
        {
            await applications.DeleteAsync(stale, cancellationToken);
            LogApplicationRemoved(Clients.Api);
        }
    }

    /// <summary>Creates the application, or brings an existing one in line with the configuration.</summary>
    private async Task UpsertApplicationAsync(OpenIddictApplicationDescriptor wanted, CancellationToken cancellationToken)
    {
        var application = await applications.FindByClientIdAsync(wanted.ClientId!, cancellationToken);
        if (application is null)
        {
            await applications.CreateAsync(wanted, cancellationToken);
            LogApplicationCreated(wanted.ClientId!);
            return;
        }

        await applications.UpdateAsync(application, wanted, cancellationToken);
    }

    private async Task SeedDemoUsersAsync(CancellationToken cancellationToken)
    {
        foreach (var (email, name, role, contractor) in DemoUsers)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await users.FindByEmailAsync(email) is not null)
            {
                continue;
            }

            var user = new ApplicationUser
            {
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                DisplayName = name,
                Nickname = name.Split(' ')[0].ToLowerInvariant(),
                IsContractor = contractor,
                IsDemo = true,
            };
            Check(await users.CreateAsync(user, demo.Value.Password), $"demo user {email}");
            Check(await users.AddToRoleAsync(user, role), $"role of {email}");
            LogDemoUserCreated(email, role);
        }
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Seeding {what} failed: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Registered application {ClientId}")]
    private partial void LogApplicationCreated(string clientId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No secret configured for application {ClientId}: removed it")]
    private partial void LogApplicationRemoved(string clientId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo is off: deleted demo user {Email}")]
    private partial void LogDemoUserDeleted(string email);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created demo user {Email} with role {Role}")]
    private partial void LogDemoUserCreated(string email, string role);
}
