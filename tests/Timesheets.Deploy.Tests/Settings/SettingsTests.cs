using Timesheets.Deploy.Tests.Infrastructure;

namespace Timesheets.Deploy.Tests.Settings;

/// <summary>
/// The settings the compose file and the Kubernetes manifests give each service: every name is one the
/// service reads (a typo would be ignored and the default used), and the URLs and secrets that must
/// agree between the services do (a mismatch breaks every login or every token).
/// </summary>
public sealed class SettingsTests
{
    public static TheoryData<string, string> SourcesAndImages
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var deployable in Deployable.All)
            {
                data.Add(DeploymentSources.Compose, deployable.Name);
                data.Add(DeploymentSources.Kubernetes, deployable.Name);
            }

            return data;
        }
    }

    public static TheoryData<string> Sources => [DeploymentSources.Compose, DeploymentSources.Kubernetes];

    [Theory]
    [MemberData(nameof(SourcesAndImages))]
    public void Settings_EveryVariable_IsASettingTheServiceReads(string source, string name)
    {
        var deployable = Deployable.Named(name);
        var environment = DeploymentSources.Environment(source, deployable);

        Assert.Empty(SettingsNames.Unknown(deployable.Assembly, environment));
        Assert.Equal("Production", environment["ASPNETCORE_ENVIRONMENT"]);
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void Settings_IssuerAndAppUrls_AgreeBetweenTheServices(string source)
    {
        var identity = DeploymentSources.Environment(source, Deployable.Identity);
        var api = DeploymentSources.Environment(source, Deployable.Api);
        var app = DeploymentSources.Environment(source, Deployable.App);
        var appUrl = identity["Identity__AppUrl"];
        var appOrigin = new Uri(appUrl).GetLeftPart(UriPartial.Authority);

        // The API accepts tokens of the issuer Identity writes into them; the app logs in there.
        Assert.Equal(identity["Identity__Issuer"], api["Auth__Issuer"]);
        Assert.Equal(identity["Identity__Issuer"], app["App__IdentityUrl"]);
        Assert.StartsWith("https://", identity["Identity__Issuer"], StringComparison.Ordinal);
        // The app's callback is a registered redirect, and its origin may call Identity and the API.
        Assert.Equal(appUrl + "callback", identity["Identity__MobileRedirectUris__0"]);
        Assert.Equal(appUrl, identity["Identity__MobilePostLogoutRedirectUris__0"]);
        Assert.Equal(appOrigin, identity["Identity__CorsOrigins__0"]);
        Assert.Equal(appOrigin, api["Api__CorsOrigins__0"]);
        // The API's machine client at Identity: the secret Identity registers is the one the API sends.
        Assert.Equal(identity["Clients__ApiSecret"], api["People__ManagementClientSecret"]);
        Assert.Equal("true", api["People__Enabled"]);
    }
}
