using Timesheets.App.Host;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddAppHostSettings(builder.Configuration);

var app = builder.Build();

app.UseContentSecurityPolicy();
app.MapAppSettings();
app.UsePrecompressedFiles();
app.UseAppFiles();

await app.RunAsync();
