using Microsoft.Extensions.Options;

namespace Timesheets.Identity.Management.Logs;

internal static class LogsExtensions
{
    /// <summary>The log's reader, the capture of security events into it, its writer and its retention.</summary>
    public static IServiceCollection AddLogs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LogSettings>().Bind(configuration.GetSection(LogSettings.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<LogSettings>, LogSettingsValidator>();
        services.AddScoped<LogQuery>();
        services.AddSingleton<SecurityEventCapture>();
        services.AddSingleton<ILoggerProvider>(sp => sp.GetRequiredService<SecurityEventCapture>());
        services.AddHostedService<SecurityEventWriter>();
        services.AddHostedService<LogRetention>();
        return services;
    }
}
