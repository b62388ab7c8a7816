using Timesheets.Client.Json;
using Timesheets.Contracts;

namespace Timesheets.Client;

public sealed partial class TimesheetsClient
{
    /// <summary>The projects entries pick from, by name; archived ones only when asked.</summary>
    public Task<ApiResult<List<ProjectResponse>>> ListProjectsAsync(bool includeArchived = false, CancellationToken cancellationToken = default) =>
        SendAsync(Request(HttpMethod.Get, includeArchived ? "projects?include_archived=true" : "projects"), ClientJson.Default.ListProjectResponse, cancellationToken);

    /// <summary>Creates a project (<c>manage:projects</c>).</summary>
    public Task<ApiResult<ProjectResponse>> CreateProjectAsync(string name, CancellationToken cancellationToken = default) =>
        SendAsync(Request(HttpMethod.Post, "projects", Json(new ProjectRequest { Name = name }, ClientJson.Default.ProjectRequest)), ClientJson.Default.ProjectResponse, cancellationToken);

    public Task<ApiResult<ProjectResponse>> RenameProjectAsync(long id, string name, CancellationToken cancellationToken = default) =>
        SendAsync(Request(HttpMethod.Put, $"projects/{id}", Json(new ProjectRequest { Name = name }, ClientJson.Default.ProjectRequest)), ClientJson.Default.ProjectResponse, cancellationToken);

    /// <summary>Archives a project: it takes no new entries, its entries stay.</summary>
    public Task<ApiResult<Done>> ArchiveProjectAsync(long id, CancellationToken cancellationToken = default) =>
        SendAsync(Request(HttpMethod.Delete, $"projects/{id}"), ReadNothingAsync, cancellationToken);
}
