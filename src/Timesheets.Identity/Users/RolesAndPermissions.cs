
namespace Timesheets.Identity.Users;

/// <summary>The names of the built-in permissions (= API scopes) and roles, used by seeding only.</summary>
public static class PermissionNames
{
    // The Timesheets API's scopes, named once in the contracts the API and its clients share.
    public const string Read = ApiScopes.Read;
    public const string Create = ApiScopes.Create;
    public const string Delete = ApiScopes.Delete;
    public const string Approve = ApiScopes.Approve;
    public const string BatchUpload = ApiScopes.BatchUpload;
    public const string ManageProjects = ApiScopes.ManageProjects;
    public const string ReadAudit = ApiScopes.ReadAudit;

    public static readonly IReadOnlyDictionary<string, string> All = new Dictionary<string, string>
    {
        [Read] = "Read your own entries and the project list",
        [Create] = "Log and edit your own entries",
        [Delete] = "Delete your own unapproved entries",
        [Approve] = "Approve or reject other people's entries; team reports",
        [BatchUpload] = "Upload entries for any user (machine clients)",
        [ManageProjects] = "Create, rename and archive projects",
        [ReadAudit] = "Read the audit trail",
    };
}

public static class Roles
{
    public const string Employee = "Employee";
    public const string Contractor = "Contractor";
    public const string Manager = "Manager";
    public const string Admin = "Admin";

    /// <summary>The default role → permissions table of PRODUCT.md §2; stored in the database by seeding.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> DefaultPermissions = new Dictionary<string, string[]>
    {
        [Employee] = [PermissionNames.Read, PermissionNames.Create, PermissionNames.Delete],
        [Contractor] = [PermissionNames.Read, PermissionNames.Create, PermissionNames.Delete],
        [Manager] = [PermissionNames.Read, PermissionNames.Create, PermissionNames.Delete, PermissionNames.Approve],
        [Admin] = [PermissionNames.Read, PermissionNames.Create, PermissionNames.Delete, PermissionNames.Approve, PermissionNames.ManageProjects, PermissionNames.ReadAudit],
    };
}
