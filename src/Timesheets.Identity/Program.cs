using Timesheets.Identity.Configuration;
using Timesheets.Identity.Data;
using Timesheets.Identity.Hosting;
using Timesheets.Identity.Keys;
using Timesheets.Identity.Management;
using Timesheets.Identity.Management.Users;
using Timesheets.Identity.Mfa;
using Timesheets.Identity.Oidc;
using Timesheets.Identity.Security;
using Timesheets.Identity.Seeding;
using Timesheets.Identity.Users;
using Timesheets.ServiceDefaults;
using Timesheets.ServiceDefaults.Resilience;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddValidatedSettings(builder.Configuration);
builder.Services.AddIdentityDatabase(builder.Configuration);
builder.Services.AddUserAccounts(builder.Configuration);
builder.Services.AddMfa();
builder.Services.AddOidcServer(builder.Configuration);
builder.Services.AddKeyRing(builder.Configuration, builder.Environment);
builder.Services.AddLoginRateLimits(builder.Configuration);
builder.Services.AddIdentityCors(builder.Configuration);
builder.Services.AddAccountPages();
builder.Services.AddErrorResponses();
builder.Services.AddResilience(builder.Configuration);
builder.Services.AddManagementApi(builder.Configuration);
builder.Services.AddUserAdministration(builder.Configuration);
builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);

var app = builder.Build();

if (await app.RunCommandAsync(args))
{
    return;
}

await app.PrepareIdentityAsync();

app.UseTransportSecurity<IdentitySettings>();
app.UseExceptionHandler();
app.UseStatusCodePages(ErrorPage.WriteAsync);
app.UseSecurityHeaders();
app.UseStaticFiles();
app.UseCors();
app.UseRateLimiter();
app.UseJsonTokenRequests();
app.UseAuthentication();
app.UseAuthorization();

app.MapOidcEndpoints();
app.MapManagementApi();
app.MapRazorPages();
app.MapHealthChecks("/health/live", new() { Predicate = _ => false });
app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains("ready") });
app.MapGet("/", () => Results.Redirect("/.well-known/openid-configuration")).ExcludeFromDescription();

await app.RunAsync();
