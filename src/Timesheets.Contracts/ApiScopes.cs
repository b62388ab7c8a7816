namespace Timesheets.Contracts;

/// <summary>
/// The API's identifier and its scopes (= permissions, PRODUCT.md §2). On the API each scope is also
/// the name of the authorization policy that requires it; clients read them from the granted scope.
/// </summary>
public static class ApiScopes
{
    public const string Audience = "https://api.exampleco.com/timesheets";

    public const string Read = "read:timesheets";
    public const string Create = "create:timesheets";
    public const string Delete = "delete:timesheets";
    public const string Approve = "approve:timesheets";
    public const string BatchUpload = "batch:upload";
    public const string ManageProjects = "manage:projects";
    public const string ReadAudit = "read:audit";

    public static readonly IReadOnlyList<string> All = [Read, Create, Delete, Approve, BatchUpload, ManageProjects, ReadAudit];
}
