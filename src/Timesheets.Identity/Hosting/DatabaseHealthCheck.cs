using Microsoft.Extensions.Diagnostics.HealthChecks;
using Timesheets.Identity.Data;

namespace Timesheets.Identity.Hosting;

/// <summary>Ready means the database answers.</summary>
internal sealed class DatabaseHealthCheck(IdentityDataContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("The Identity database does not answer.");
}
