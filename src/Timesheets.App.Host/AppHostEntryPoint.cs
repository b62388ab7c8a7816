namespace Timesheets.App.Host;

/// <summary>Names this assembly for <c>WebApplicationFactory</c> in the end-to-end tests (Program is in the global namespace).</summary>
public sealed class AppHostEntryPoint;
