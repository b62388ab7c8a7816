using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Components.WebAssembly.Hosting;
using Timesheets.App;
using Timesheets.App.Ui;

var builder = WebAssemblyHostBuilder.CreateDefault(args);
builder.RootComponents.Add<Routes>("#app");
builder.RootComponents.Add<HeadOutlet>("head::after");

builder.Services.AddAppSettings(builder.Configuration, builder.HostEnvironment.BaseAddress);
builder.Services.AddBrowserSession();
builder.Services.AddTimesheetsApi();

await builder.Build().RunAsync();
