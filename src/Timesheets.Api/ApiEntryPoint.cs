namespace Timesheets.Api;

/// <summary>
/// Names this assembly for <c>WebApplicationFactory</c> in tests: the top-level <c>Program</c> of
/// each service sits in the global namespace, so a test host of two services could not tell them apart.
/// </summary>
public sealed class ApiEntryPoint;
