namespace Timesheets.Testing;

/// <summary>
/// The API's calls to Identity's Management API side (its machine token and its user lookups), counted
/// by the handlers <see cref="Handler"/> makes on their way to the in-process Identity, or elsewhere
/// when a test points them at a closed port (Identity down).
/// </summary>
public sealed class ManagementTraffic
{
    private int _tokenRequests;
    private int _lookups;

    /// <summary>POSTs to the token endpoint (client credentials).</summary>
    public int TokenRequests => Volatile.Read(ref _tokenRequests);

    /// <summary>GETs of <c>/api/v2/users-by-email</c>.</summary>
    public int Lookups => Volatile.Read(ref _lookups);

    /// <summary>A new counting handler (the client factory renews and disposes its handlers) in front of <paramref name="inner"/>.</summary>
    public HttpMessageHandler Handler(HttpMessageHandler inner) => new Counting(this) { InnerHandler = inner };

    private sealed class Counting(ManagementTraffic traffic) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri?.AbsolutePath ?? "";
            if (request.Method == HttpMethod.Post && path == "/oauth/token")
            {
                Interlocked.Increment(ref traffic._tokenRequests);
            }
            else if (path.EndsWith("/users-by-email", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref traffic._lookups);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
