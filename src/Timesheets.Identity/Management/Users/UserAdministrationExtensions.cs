using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Timesheets.Identity.Management.Invitations;
using Timesheets.Identity.Management.Roles;
using Timesheets.ServiceDefaults;

namespace Timesheets.Identity.Management.Users;

internal static class UserAdministrationExtensions
{
    /// <summary>
    /// Users and roles administration (<see cref="UserAdmin"/>, <see cref="RoleAdmin"/>), the set-password
    /// links with their own token provider and lifespans, and the optional SMTP server for invitations.
    /// </summary>
    public static IServiceCollection AddUserAdministration(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<InvitationSettings>().Bind(configuration.GetSection(InvitationSettings.Section)).ValidateOnStart();
        services.AddOptions<SmtpSettings>().Bind(configuration.GetSection(SmtpSettings.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<InvitationSettings>, InvitationSettingsValidator>();
        services.AddSingleton<IValidateOptions<SmtpSettings>, SmtpSettingsValidator>();

        var invitations = SettingsReader.Read(configuration, InvitationSettings.Section, new InvitationSettingsValidator());
        services.Configure<InvitationTokenOptions>(o => o.TokenLifespan = invitations.Lifetime);
        // The default provider makes password reset tokens (and nothing else here): a day unless configured.
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = invitations.PasswordResetLifetime);
        services.Configure<IdentityOptions>(o =>
            o.Tokens.ProviderMap[InvitationTokenProvider.ProviderName] = new TokenProviderDescriptor(typeof(InvitationTokenProvider)));
        services.AddTransient<InvitationTokenProvider>();

        services.AddScoped<SetPasswordLinks>();
        services.AddScoped<InvitationMail>();
        services.AddScoped<UserAdmin>();
        services.AddScoped<RoleAdmin>();
        return services;
    }
}
