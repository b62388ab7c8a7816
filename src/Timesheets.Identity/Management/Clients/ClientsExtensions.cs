namespace Timesheets.Identity.Management.Clients;

internal static class ClientsExtensions
{
    public static IServiceCollection AddClientAdmin(this IServiceCollection services) =>
        services.AddScoped<ClientPermissions>().AddScoped<ClientAdmin>().AddScoped<ClientGrantAdmin>();
}
