using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Timesheets.Api.Tests.Infrastructure;
using Timesheets.Testing;

namespace Timesheets.Api.Tests.Faults;

/// <summary>
/// Shutdown drains: the API on real Kestrel is stopped the way SIGTERM stops it (the host's
/// <c>StopAsync</c>, which the console lifetime calls on the signal) while a request is still
/// arriving; that request completes and is stored, and no new connection is taken meanwhile.
/// </summary>
public sealed class GracefulShutdownTests
{
    [Fact]
    public async Task StopDuringRequest_RequestCompletesAndIsStored_NewConnectionsRefused()
    {
        await using var identity = new IdentityHost(TestDatabase.Sqlite("drain-identity"));
        using var oidc = identity.CreateOidcClient();
        var token = (await oidc.LoginAsync(IdentityHost.Employee, IdentityHost.DemoPassword)).AccessToken;
        // Request logs on: the test waits for the server to have started the request.
        await using var api = new ApiHost(identity, TestDatabase.Sqlite("drain"),
            new Dictionary<string, string?> { ["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information" });
        api.UseKestrel(0);
        api.StartServer();
        var address = api.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var http = new HttpClient { BaseAddress = new Uri(address) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        // The body arrives in two parts; the host is stopped in between.
        var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
        {
            date = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1).ToString("yyyy-MM-dd"), project = "Internal", hours = 1.5m, notes = "sent during shutdown",
        }, Http.Json));
        var content = new TwoPartContent(body);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/timesheets") { Content = content };
        var sending = http.SendAsync(request);
        await WaitForAsync(() => sending.IsCompleted || api.Logs.Lines.Any(l => l.Message.Contains("Request starting", StringComparison.Ordinal) && l.Message.Contains("POST", StringComparison.Ordinal)));
        Assert.False(sending.IsCompleted, $"{sending.Exception}");

        var stopping = api.Host.StopAsync();
        await Task.Delay(300);
        Assert.False(stopping.IsCompleted, "The host stopped with a request in flight.");
        using (var newcomer = new HttpClient())
        {
            await Assert.ThrowsAsync<HttpRequestException>(() => newcomer.GetAsync(new Uri(new Uri(address), "/health/live")));
        }

        content.SendRest();
        using var response = await sending;
        var created = await response.AssertStatusAsync(HttpStatusCode.Created);
        await stopping;
        Assert.Equal("sent during shutdown", created.GetProperty("notes").GetString());
    }

    /// <summary>A JSON body whose first half is sent (and flushed) at once, the rest on <see cref="SendRest"/>.</summary>
    private sealed class TwoPartContent : HttpContent
    {
        private readonly byte[] _body;
        private readonly TaskCompletionSource _rest = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TwoPartContent(byte[] body)
        {
            _body = body;
            Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        public void SendRest() => _rest.SetResult();

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(_body.AsMemory(0, _body.Length / 2));
            await stream.FlushAsync();
            await _rest.Task;
            await stream.WriteAsync(_body.AsMemory(_body.Length / 2));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _body.Length;
            return true;
        }
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var waited = 0; !condition(); waited += 20)
        {
            Assert.True(waited < 10_000, "The request never reached the server.");
            await Task.Delay(20);
        }
    }
}
