using Timesheets.Contracts;

namespace Timesheets.Client.Management;

public sealed partial class ManagementClient
{
    /// <summary>The token signing keys: current, next, previous and revoked.</summary>
    public Task<ApiResult<List<SigningKeyResponse>>> ListSigningKeysAsync(CancellationToken cancellationToken = default) =>
        GetAsync("keys/signing", ManagementJson.Default.ListSigningKeyResponse, cancellationToken);

    public Task<ApiResult<SigningKeyResponse>> GetSigningKeyAsync(string kid, CancellationToken cancellationToken = default) =>
        GetAsync($"keys/signing/{Segment(kid)}", ManagementJson.Default.SigningKeyResponse, cancellationToken);

    /// <summary>Rotates: a new key signs new tokens, the old one keeps verifying the tokens it signed until they expire.</summary>
    public Task<ApiResult<SigningKeyResponse>> RotateSigningKeyAsync(CancellationToken cancellationToken = default) =>
        HttpCalls.SendAsync(Http, HttpCalls.Request(HttpMethod.Post, "keys/signing/rotate"), ManagementJson.Default.SigningKeyResponse, cancellationToken);

    /// <summary>Revokes a key: it neither signs nor verifies any more, so the tokens it signed stop working.</summary>
    public Task<ApiResult<SigningKeyResponse>> RevokeSigningKeyAsync(string kid, CancellationToken cancellationToken = default) =>
        HttpCalls.SendAsync(Http, HttpCalls.Request(HttpMethod.Put, $"keys/signing/{Segment(kid)}/revoke"), ManagementJson.Default.SigningKeyResponse, cancellationToken);
}
