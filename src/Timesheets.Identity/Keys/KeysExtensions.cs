using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using Timesheets.Identity.Configuration;
using Timesheets.Identity.Data;
using Timesheets.ServiceDefaults;

namespace Timesheets.Identity.Keys;

internal static partial class KeysExtensions
{
    /// <summary>
    /// The key ring, its encryption at rest with the key file, its background reload, and the
    /// data-protection keys sealed with the same key file. Call after <c>AddOidcServer</c>: the ring's
    /// options read the token lifetimes OpenIddict's own configuration sets.
    /// </summary>
    public static IServiceCollection AddKeyRing(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var validator = new KeySettingsValidator(environment.EnvironmentName);
        var settings = SettingsReader.Read(configuration, KeySettings.Section, validator);
        services.AddOptions<KeySettings>().Bind(configuration.GetSection(KeySettings.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<KeySettings>>(validator);

        services.AddSingleton(KeyProtector.Create(settings));
        services.AddSingleton<KeyRing>();
        services.AddSingleton<KeyRingChanges>();
        services.AddSingleton<IOptionsChangeTokenSource<OpenIddictServerOptions>>(sp => sp.GetRequiredService<KeyRingChanges>());
        services.AddSingleton<IConfigureOptions<OpenIddictServerOptions>, KeyRingServerOptions>();
        services.AddHostedService<KeyRingReloader>();
        services.AddScoped<KeyStore>();
        if (settings.EncryptionKeyFile.Length > 0)
        {
            services.AddOptions<KeyManagementOptions>().Configure<KeyProtector>((options, protector) => options.XmlEncryptor = new DataProtectionKeyEncryptor(protector));
        }

        return services;
    }

    /// <summary>
    /// At start-up, under the start-up lock: seals keys an older version stored in clear, creates missing
    /// keys, then loads the ring. A key file that does not fit the database stops the server here with a
    /// message, not at the first request.
    /// </summary>
    public static async Task PrepareKeysAsync(this IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDataContext>();
        var protector = services.GetRequiredService<KeyProtector>();
        var algorithm = services.GetRequiredService<IOptions<IdentitySettings>>().Value.SigningAlgorithm;
        var logger = services.GetRequiredService<ILogger<KeyStore>>();
        if (!protector.Enabled)
        {
            LogClearKeys(logger);
        }

        var sealedKeys = await scope.ServiceProvider.GetRequiredService<KeyStore>().PrepareAsync(algorithm, cancellationToken);
        var sealedDataProtectionKeys = await DataProtectionKeyEncryptor.SealClearKeysAsync(db, protector, cancellationToken);
        if (sealedKeys + sealedDataProtectionKeys > 0)
        {
            LogSealed(logger, sealedKeys, sealedDataProtectionKeys, protector.Source);
        }

        await services.GetRequiredService<KeyRing>().LoadAsync(db, protector, algorithm, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No Keys:EncryptionKeyFile is set: signing and data-protection keys are stored in clear in the database (allowed in Development only)")]
    private static partial void LogClearKeys(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Encrypted {Keys} signing/token keys and {DataProtectionKeys} data-protection keys that were stored in clear, with the key file {KeyFile}")]
    private static partial void LogSealed(ILogger logger, int keys, int dataProtectionKeys, string keyFile);
}
