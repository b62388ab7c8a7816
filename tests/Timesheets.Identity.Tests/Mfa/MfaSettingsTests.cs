using Microsoft.Extensions.DependencyInjection;
using Timesheets.Identity.Mfa;

namespace Timesheets.Identity.Tests.Mfa;

/// <summary>Which roles must use a second factor: Admin and Manager unless set, none by default in demo mode.</summary>
public sealed class MfaSettingsTests
{
    [Fact]
    public void RequiredRoles_NotSet_AreAdminAndManagerOutsideDemoAndNoneInDemo()
    {
        var settings = new MfaSettings();

        Assert.Equal(["Admin", "Manager"], settings.EffectiveRequiredRoles(demo: false));
        Assert.Empty(settings.EffectiveRequiredRoles(demo: true));
    }

    [Fact]
    public void RequiredRoles_Set_ApplyInDemoModeToo_AndOneEmptyEntryMeansNone()
    {
        Assert.Equal(["Admin"], new MfaSettings { RequiredRoles = ["Admin"] }.EffectiveRequiredRoles(demo: true));
        Assert.Empty(new MfaSettings { RequiredRoles = [""] }.EffectiveRequiredRoles(demo: false));
    }

    [Theory]
    [InlineData("Mfa:RecentLoginMaxAge", "00:00:10")]
    [InlineData("Mfa:AuthenticatorIssuer", "Time:sheets")]
    public async Task Start_WithAWrongMfaSetting_FailsNamingIt(string key, string value)
    {
        await using var host = new IdentityHost(TestDatabase.Sqlite("mfa-settings"), new Dictionary<string, string?> { [key] = value });

        var error = Assert.ThrowsAny<Exception>(() => host.Server);

        Assert.Contains(key, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequiredRoles_OneEmptyEntryInConfiguration_BindsAsNone()
    {
        await using var host = new IdentityHost(TestDatabase.Sqlite("mfa-none"), new Dictionary<string, string?>
        {
            ["Demo:Enabled"] = "false",
            ["Mfa:RequiredRoles:0"] = "",
        });

        var settings = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<MfaSettings>>().Value;

        Assert.Empty(settings.EffectiveRequiredRoles(demo: false));
    }
}
