using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Timesheets.Api.Configuration;
using Timesheets.Api.Features.Projects;
using Timesheets.ServiceDefaults;

namespace Timesheets.Api.Data;

internal static class StartupExtensions
{
    private static readonly string[] DemoProjects = ["Internal", "Mobile App", "Website Redesign", "Customer Support"];

    /// <summary>Before the first request: migrations when <c>Database:MigrateOnStart</c>, demo projects when <c>Demo:Enabled</c>.</summary>
    public static async Task PrepareApiAsync(this WebApplication app, CancellationToken cancellationToken = default)
    {
        // Instances starting together take turns, so only the first one adds the demo projects.
        await using var startup = await StartupLock.AcquireAsync(app.Services, "api", cancellationToken);
        if (app.Services.MigrateOnStart())
        {
            await app.Services.MigrateApiDatabaseAsync(cancellationToken);
        }

        if (!app.Services.GetRequiredService<IOptions<DemoSettings>>().Value.Enabled)
        {
            return;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApiDataContext>();
        if (!await db.Projects.AnyAsync(cancellationToken))
        {
            var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            db.Projects.AddRange(DemoProjects.Select(name => new Project { Name = name, CreatedAt = now, UpdatedAt = now }));
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary><c>Timesheets.Api migrate</c>: apply migrations and exit.</summary>
    public static async Task<bool> RunCommandAsync(this WebApplication app, string[] args)
    {
        if (args.Length > 0 && args[0] == "migrate")
        {
            await app.Services.MigrateApiDatabaseAsync(CancellationToken.None);
            await Console.Out.WriteLineAsync("The API database is up to date.");
            return true;
        }

        return false;
    }
}
