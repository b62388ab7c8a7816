using Timesheets.Testing;

namespace Timesheets.Attacks.Infrastructure;

/// <summary>
/// Who calls the API, and the API scopes the product grants them (PRODUCT.md §2). The matrix derives
/// every expected status from these sets and the scope each operation declares.
/// </summary>
public sealed record Caller(string Name, string? Login, IReadOnlySet<string> Scopes)
{
    public static readonly Caller Anonymous = new("anonymous", null, new HashSet<string>());

    private static readonly string[] PersonScopes = [ApiScopes.Read, ApiScopes.Create, ApiScopes.Delete];

    public static readonly Caller Employee = new("employee", IdentityHost.Employee, PersonScopes.ToHashSet());

    public static readonly Caller Contractor = new("contractor", IdentityHost.Contractor, PersonScopes.ToHashSet());

    public static readonly Caller Manager = new("manager", IdentityHost.Manager, PersonScopes.Append(ApiScopes.Approve).ToHashSet());

    public static readonly Caller Admin = new("admin", IdentityHost.Admin,
        PersonScopes.Concat([ApiScopes.Approve, ApiScopes.ManageProjects, ApiScopes.ReadAudit]).ToHashSet());

    public static readonly Caller Machine = new(OidcTestClient.ImportClient, null, new HashSet<string> { ApiScopes.BatchUpload });

    public static IReadOnlyList<Caller> All { get; } = [Anonymous, Employee, Contractor, Manager, Admin, Machine];

    public bool IsAnonymous => ReferenceEquals(this, Anonymous);

    public bool IsMachine => ReferenceEquals(this, Machine);

    public static Caller Named(string name) => All.Single(c => c.Name == name);

    public override string ToString() => Name;
}
