using Timesheets.App.Host;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddAppHostSettings(builder.Configuration);
builder.Services.AddHealthChecks();

var app = builder.Build();

app.UseContentSecurityPolicy();
app.MapAppSettings();
app.UsePrecompressedFiles();
app.UseAppFiles();
// Probes for orchestrators (deploy/): the host has no dependency, so ready is live. Mapped, so the
// app's fallback (index.html for any path without an extension) does not answer them instead.
app.MapHealthChecks("/health/live");
app.MapHealthChecks("/health/ready");

await app.RunAsync();
