using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using Timesheets.Identity.Configuration;
using Timesheets.Identity.Data;
using Timesheets.Identity.Users;

namespace Timesheets.Identity.Seeding;

/// <summary>
/// Idempotent start-up seeding: permissions, roles and their permissions, API scopes, the three
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
        await SeedPermissionsAndRolesAsync(cancellationToken);
        await SeedScopesAsync(cancellationToken);
        await UpsertApplicationAsync(Clients.MobileApp(identity.Value), cancellationToken);
        await UpsertApplicationAsync(Clients.CliApp(identity.Value), cancellationToken);
        await UpsertApplicationAsync(Clients.ImportJob(identity.Value, clients.Value), cancellationToken);
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

    private async Task SeedPermissionsAndRolesAsync(CancellationToken cancellationToken)
    {
        var existing = await db.Permissions.Select(p => p.Name).ToListAsync(cancellationToken);
        foreach (var (name, description) in PermissionNames.All.Where(p => !existing.Contains(p.Key)))
        {
            db.Permissions.Add(new Permission { Name = name, Description = description });
        }

        await db.SaveChangesAsync(cancellationToken);

        // A role's permissions are seeded once, when the role is created; an admin's later edits stay.
        foreach (var (roleName, permissions) in Roles.DefaultPermissions)
        {
            if (await roles.RoleExistsAsync(roleName))
            {
                continue;
            }

            var role = new ApplicationRole(roleName) { Description = $"{roleName}s of ExampleCo" };
            Check(await roles.CreateAsync(role), $"role {roleName}");
            db.RolePermissions.AddRange(permissions.Select(p => new RolePermission { RoleId = role.Id, PermissionName = p }));
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private async Task SeedScopesAsync(CancellationToken cancellationToken)
    {
        foreach (var (name, description) in PermissionNames.All)
        {
            if (await scopes.FindByNameAsync(name, cancellationToken) is not null)
            {
                continue;
            }

            var descriptor = new OpenIddictScopeDescriptor { Name = name, Description = description };
            descriptor.Resources.Add(identity.Value.ApiAudience);
            await scopes.CreateAsync(descriptor, cancellationToken);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo is off: deleted demo user {Email}")]
    private partial void LogDemoUserDeleted(string email);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created demo user {Email} with role {Role}")]
    private partial void LogDemoUserCreated(string email, string role);
}
