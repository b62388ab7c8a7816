using System.Net;
using Duende.IdentityModel.Client;
using TokenResponse = Duende.IdentityModel.Client.TokenResponse;

namespace Timesheets.Identity.Tests.Device;

/// <summary>
/// Both sides of a device login: the device (Duende.IdentityModel's device authorization and device token
/// requests, as the CLI makes them) and its user in a browser on <c>/activate</c> (<see cref="DeviceActivation"/>:
/// the real pages, forms, cookies and antiforgery tokens).
/// </summary>
public sealed class DeviceSession(IdentityHost host) : IDisposable
{
    public const string DeviceEndpoint = "http://localhost/oauth/device/code";
    public const string TokenEndpoint = "http://localhost/oauth/token";

    /// <summary>The user's browser: its own cookie jar, redirects not followed.</summary>
    public OidcTestClient Browser { get; } = host.CreateOidcClient();

    /// <summary>The device: no cookies, nothing shared with the browser.</summary>
    public HttpClient Device { get; } = host.CreateClient();

    public Task<DeviceAuthorizationResponse> StartAsync(string clientId = OidcTestClient.CliClient, string? secret = null,
        string scope = OidcTestClient.DefaultScopes, string? audience = IdentityHost.ApiAudience)
    {
        var request = new DeviceAuthorizationRequest { Address = DeviceEndpoint, ClientId = clientId, ClientSecret = secret, Scope = scope };
        if (audience is not null)
        {
            request.Parameters.Add("audience", audience);
        }

        return Device.RequestDeviceAuthorizationAsync(request);
    }

    public static async Task<DeviceAuthorizationResponse> ExpectCodeAsync(Task<DeviceAuthorizationResponse> started)
    {
        var response = await started;
        Assert.False(response.IsError, $"{response.Error}: {response.ErrorDescription}");
        return response;
    }

    public Task<TokenResponse> PollAsync(string deviceCode, string clientId = OidcTestClient.CliClient) =>
        Device.RequestDeviceTokenAsync(new DeviceTokenRequest { Address = TokenEndpoint, ClientId = clientId, DeviceCode = deviceCode });

    /// <summary>GET <c>/activate</c> with a code typed into its form; the answer as the browser gets it.</summary>
    public Task<HttpResponseMessage> EnterCodeAsync(string typed) =>
        Browser.Http.GetAsync("/activate?user_code=" + Uri.EscapeDataString(typed));

    /// <summary>
    /// The user's whole part up to the question: opens <c>/activate</c>, types the code, logs in through the
    /// real form when asked, and returns the confirmation page's HTML ("Connect … as …?").
    /// </summary>
    public async Task<string> ReachConfirmationAsync(string typedCode, string email)
    {
        Assert.Contains("Enter the code shown on your device", await Browser.Http.GetStringAsync("/activate"), StringComparison.Ordinal);
        return await Browser.ReachConfirmationAsync("/activate?user_code=" + Uri.EscapeDataString(typedCode), email);
    }

    public Task<HttpResponseMessage> DecideAsync(string confirmationPage, string handler) => Browser.DecideAsync(confirmationPage, handler);

    /// <summary>Everything the user does to let the device in.</summary>
    public async Task AllowAsync(string userCode, string email)
    {
        var allowed = await DecideAsync(await ReachConfirmationAsync(userCode, email), "Allow");
        Assert.Equal(HttpStatusCode.Redirect, allowed.StatusCode);
        Assert.Contains("Device connected", await Browser.Http.GetStringAsync(allowed.Headers.Location!.OriginalString), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Browser.Dispose();
        Device.Dispose();
    }
}
