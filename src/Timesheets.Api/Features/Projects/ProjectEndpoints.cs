using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Timesheets.Api.Data;
using Timesheets.Api.Features.Audit;
using Timesheets.Api.Security;

namespace Timesheets.Api.Features.Projects;

/// <summary>The project list entries pick from; changed only with <c>manage:projects</c>.</summary>
internal static class ProjectEndpoints
{
    public static IEndpointRouteBuilder MapProjects(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/projects").WithTags("Projects").RequireAuthorization();
        group.MapGet("/", ListAsync).RequireAuthorization(ApiScopes.Read).WithSummary("Projects; archived ones only with include_archived=true");
        group.MapPost("/", CreateAsync).RequireAuthorization(ApiScopes.ManageProjects).WithSummary("Create a project").ProducesValidationProblem();
        group.MapPut("/{id:long}", RenameAsync).RequireAuthorization(ApiScopes.ManageProjects).WithSummary("Rename a project").ProducesValidationProblem().ProducesProblem(404);
        group.MapDelete("/{id:long}", ArchiveAsync).RequireAuthorization(ApiScopes.ManageProjects).WithSummary("Archive a project (its entries stay)").ProducesProblem(404);
        return app;
    }

    internal static ProjectResponse ToResponse(this Project p) =>
        new(p.Id, p.Name, p.Archived, new DateTimeOffset(DateTime.SpecifyKind(p.CreatedAt, DateTimeKind.Utc)), new DateTimeOffset(DateTime.SpecifyKind(p.UpdatedAt, DateTimeKind.Utc)));

    internal static async Task<Ok<List<ProjectResponse>>> ListAsync(ApiDataContext db, CancellationToken cancellationToken, [FromQuery(Name = "include_archived")] bool includeArchived = false)
    {
        var projects = await db.Projects.AsNoTracking().Where(p => includeArchived || !p.Archived).OrderBy(p => p.Name).ToListAsync(cancellationToken);
        return TypedResults.Ok(projects.ConvertAll(p => p.ToResponse()));
    }

    internal static async Task<Results<Created<ProjectResponse>, ValidationProblem>> CreateAsync(
        ProjectRequest request, [FromServices] Caller caller, ApiDataContext db, ProjectCatalog catalog, TimeProvider clock, CancellationToken cancellationToken)
    {
        var name = request.Name!.Trim();
        if (await NameErrorsAsync(db, name, null, cancellationToken) is { } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var project = new Project { Name = name, CreatedAt = now, UpdatedAt = now };
        db.Projects.Add(project);
        await db.SaveChangesAsync(cancellationToken);
        db.Audit(caller, now, AuditActions.ProjectCreate, "project", project.Id, null, project.ToResponse());
        await db.SaveChangesAsync(cancellationToken);
        catalog.Invalidate();
        return TypedResults.Created($"/projects/{project.Id}", project.ToResponse());
    }

    internal static async Task<Results<Ok<ProjectResponse>, ValidationProblem, ProblemHttpResult>> RenameAsync(
        long id, ProjectRequest request, [FromServices] Caller caller, ApiDataContext db, ProjectCatalog catalog, TimeProvider clock, CancellationToken cancellationToken)
    {
        var project = await db.Projects.FindAsync([id], cancellationToken);
        if (project is null)
        {
            return NotFound(id);
        }

        var name = request.Name!.Trim();
        if (await NameErrorsAsync(db, name, id, cancellationToken) is { } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var before = project.ToResponse();
        project.Name = name;
        project.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        db.Audit(caller, project.UpdatedAt, AuditActions.ProjectUpdate, "project", id, before, project.ToResponse());
        await db.SaveChangesAsync(cancellationToken);
        catalog.Invalidate();
        return TypedResults.Ok(project.ToResponse());
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> ArchiveAsync(
        long id, [FromServices] Caller caller, ApiDataContext db, ProjectCatalog catalog, TimeProvider clock, CancellationToken cancellationToken)
    {
        var project = await db.Projects.FindAsync([id], cancellationToken);
        if (project is null)
        {
            return NotFound(id);
        }

        if (!project.Archived)
        {
            var before = project.ToResponse();
            project.Archived = true;
            project.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            db.Audit(caller, project.UpdatedAt, AuditActions.ProjectArchive, "project", id, before, project.ToResponse());
            await db.SaveChangesAsync(cancellationToken);
            catalog.Invalidate();
        }

        return TypedResults.NoContent();
    }

    private static async Task<Dictionary<string, string[]>?> NameErrorsAsync(ApiDataContext db, string name, long? exceptId, CancellationToken cancellationToken)
    {
        if (name.Length == 0)
        {
            return new() { ["name"] = ["The name is required."] };
        }

        return await db.Projects.AnyAsync(p => p.Name == name && p.Id != (exceptId ?? 0), cancellationToken)
            ? new() { ["name"] = [$"A project named '{name}' already exists."] }
            : null;
    }

    private static ProblemHttpResult NotFound(long id) =>
        TypedResults.Problem(new ProblemDetails { Status = 404, Title = "Not found", Detail = $"There is no project {id}." });
}
