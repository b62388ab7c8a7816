namespace Timesheets.Identity.Management.SigningKeys;

internal static class SigningKeysExtensions
{
    public static IServiceCollection AddSigningKeyAdmin(this IServiceCollection services) => services.AddScoped<SigningKeyAdmin>();
}
