namespace Timesheets.Identity.Management.ResourceServers;

internal static class ResourceServersExtensions
{
    public static IServiceCollection AddResourceServerAdmin(this IServiceCollection services) =>
        services.AddScoped<ResourceServerAdmin>();
}
