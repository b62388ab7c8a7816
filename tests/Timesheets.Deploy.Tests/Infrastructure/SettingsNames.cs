using System.Reflection;
using Microsoft.Extensions.Configuration;
using Timesheets.ServiceDefaults;

namespace Timesheets.Deploy.Tests.Infrastructure;

/// <summary>
/// Whether an environment variable is a setting the service reads: <c>Section__Key</c> binds to a
/// property of the settings class whose <c>Section</c> constant is that section (the services'
/// convention, in the service's assembly or ServiceDefaults), or it is one the platform reads.
/// A misspelt name would otherwise be ignored in silence and the default used.
/// </summary>
internal static class SettingsNames
{
    /// <summary>Read by ASP.NET Core (environment, Kestrel's port) and by .NET's certificate store on Linux.</summary>
    public static readonly IReadOnlySet<string> Platform = new HashSet<string> { "ASPNETCORE_ENVIRONMENT", "ASPNETCORE_HTTP_PORTS", "SSL_CERT_FILE" };

    /// <summary>The names among <paramref name="environment"/> that no setting of the service reads, each with why.</summary>
    public static IReadOnlyList<string> Unknown(Assembly service, IReadOnlyDictionary<string, string> environment)
    {
        var sections = SettingsClasses(service);
        var problems = new List<string>();
        foreach (var group in environment.Keys.Where(name => !Platform.Contains(name)).GroupBy(name => name.Split("__")[0]))
        {
            if (!group.All(name => name.Contains("__", StringComparison.Ordinal)) || !sections.TryGetValue(group.Key, out var type))
            {
                problems.AddRange(group.Select(name => $"{name}: no settings section '{group.Key}' in {service.GetName().Name}"));
                continue;
            }

            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(group.Select(name => KeyValuePair.Create(name.Replace("__", ":", StringComparison.Ordinal), (string?)environment[name])))
                .Build();
            try
            {
                configuration.GetSection(group.Key).Bind(Activator.CreateInstance(type), o => o.ErrorOnUnknownConfiguration = true);
            }
            catch (InvalidOperationException e)
            {
                problems.Add($"{string.Join(", ", group)}: {e.Message}");
            }
        }

        return problems;
    }

    /// <summary>
    /// Every setting the service reads, as its environment variable: <c>Section__Property</c>, a list's
    /// first item <c>Section__Property__0</c>. Properties without a public setter are not settings.
    /// </summary>
    public static IEnumerable<string> All(Assembly service) =>
        SettingsClasses(service).SelectMany(section => section.Value.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod?.IsPublic == true)
            .Select(p => $"{section.Key}__{p.Name}{(p.PropertyType.IsArray ? "__0" : "")}"));

    /// <summary>The service's settings classes, and ServiceDefaults' (Database) when the service uses that library.</summary>
    private static Dictionary<string, Type> SettingsClasses(Assembly service) =>
        service.GetTypes()
            .Concat(service.GetReferencedAssemblies().Any(a => a.Name == typeof(DatabaseSettings).Assembly.GetName().Name) ? typeof(DatabaseSettings).Assembly.GetTypes() : [])
            .Select(type => (type, field: type.GetField("Section", BindingFlags.Public | BindingFlags.Static)))
            .Where(t => t.field is { IsLiteral: true } && t.type.GetConstructor(Type.EmptyTypes) is not null)
            .ToDictionary(t => (string)t.field!.GetRawConstantValue()!, t => t.type);
}
