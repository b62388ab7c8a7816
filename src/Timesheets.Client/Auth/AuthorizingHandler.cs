using System.Net;
using System.Net.Http.Headers;

namespace Timesheets.Client.Auth;

/// <summary>
/// Attaches the session's access token to every call, and on a 401 renews it once and sends the
/// call again (when its body can be sent twice). A second 401 is the API's answer to keep.
/// </summary>
public sealed class AuthorizingHandler(TokenSession session) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await session.GetAccessTokenAsync(refused: null, cancellationToken);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized || !CanResend(request.Content))
        {
            return response;
        }

        var renewed = await session.GetAccessTokenAsync(refused: token, cancellationToken);
        response.Dispose();
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", renewed);
        return await base.SendAsync(request, cancellationToken);
    }

    // Bytes can be sent again; a stream (an upload) was consumed by the first attempt.
    private static bool CanResend(HttpContent? content) => content is null or ByteArrayContent;
}
