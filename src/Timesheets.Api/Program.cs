using Timesheets.Api.Configuration;
using Timesheets.Api.Data;
using Timesheets.Api.Errors;
using Timesheets.Api.Health;
using Timesheets.Api.Features.Approvals;
using Timesheets.Api.Features.Audit;
using Timesheets.Api.Features.Me;
using Timesheets.Api.Features.People;
using Timesheets.Api.Features.Projects;
using Timesheets.Api.Features.Reports;
using Timesheets.Api.Features.Sync;
using Timesheets.Api.Features.Timesheets;
using Timesheets.Api.Features.Upload;
using Timesheets.Api.Features.Users;
using Timesheets.Api.OpenApi;
using Timesheets.Api.Security;
using Timesheets.ServiceDefaults;
using Timesheets.ServiceDefaults.Resilience;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddValidatedSettings(builder.Configuration);
builder.Services.AddApiDatabase(builder.Configuration);
builder.Services.AddApiAuthentication(builder.Configuration);
builder.Services.AddCaller();
builder.Services.AddUserDirectory();
builder.Services.AddPeople();
builder.Services.AddApiRateLimits(builder.Configuration);
builder.Services.AddApiCors(builder.Configuration);
builder.Services.AddProjectCatalog();
builder.Services.AddApiErrorsAndJson();
builder.Services.AddResilience(builder.Configuration);
builder.Services.AddValidation();
builder.Services.AddApiDocument();
builder.Services.AddSingleton(TimeProvider.System);

var app = builder.Build();

if (await app.RunCommandAsync(args))
{
    return;
}

await app.PrepareApiAsync();

app.UseTransportSecurity<ApiSettings>();
app.UseExceptionHandler();
app.UseStatusCodePages();
// Preflights are answered before authentication and rate limits: they carry no token.
app.UseCors();
app.UseAuthentication();
// Per caller, so after authentication; before authorization and any handler work.
app.UseRateLimiter();
app.UseNoStoreForCallers();
app.UseAuthorization();
app.UseRequestBodyLimits();
app.UseQueryTextCheck();
// Writes: stores the caller's user row and hands them their uploaded entries (403 when their email is another user's).
app.UseUserDirectory();

app.MapApiDocument();
app.MapHealth();
app.MapMe();
app.MapTimesheets();
app.MapChanges();
app.MapUpload();
app.MapApprovals();
app.MapProjects();
app.MapReports();
app.MapAudit();

await app.RunAsync();
