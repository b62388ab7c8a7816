using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Timesheets.Api.Configuration;
using Timesheets.Api.Data;
using Timesheets.Api.Tests.Infrastructure;
using Timesheets.Testing;

namespace Timesheets.Api.Tests.Features.Upload;

/// <summary>
/// An upload costs the server one row of memory, not the body: an endless CSV line or JSON string is
/// refused as soon as it passes the row limit, the rest of the body unread, and nothing is stored.
/// </summary>
public abstract class UploadLimitTests(ApiFixture fixture)
{
    // Below the default upload limit, so only the row bound can stop the reader early.
    private const long BodyBytes = 12L * 1024 * 1024;

    private async Task<int> EntryCountAsync()
    {
        await using var scope = fixture.Api.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ApiDataContext>().Entries.CountAsync();
    }

    /// <summary>
    /// Sends <paramref name="prefix"/> and then one letter to <see cref="BodyBytes"/> through an API host that counts
    /// the bytes the app read of the request body (TestServer buffers what the client sends, so the count is taken
    /// where the app reads). Returns the response and that count.
    /// </summary>
    private async Task<(HttpResponseMessage Response, long Read)> SendEndlessAsync(string mediaType, string prefix)
    {
        var read = new BodyBytesRead();
        await using var api = fixture.Api.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddSingleton<IStartupFilter>(new CountingStartupFilter(read))));
        using var machine = api.CreateClient();
        machine.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await fixture.TokenAsync(OidcTestClient.ImportClient));
        var body = new byte[BodyBytes];
        Array.Fill(body, (byte)'a');
        Encoding.UTF8.GetBytes(prefix).CopyTo(body, 0);
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        var response = await machine.PostAsync("/timesheets/upload", content);
        await response.Content.LoadIntoBufferAsync();
        return (response, read.Count);
    }

    [Fact]
    public async Task Upload_EndlessCsvLine_IsRefusedEarlyNamingTheLine_AndStoresNothing()
    {
        var before = await EntryCountAsync();
        var day = fixture.NextDay().ToString("yyyy-MM-dd");
        var prefix = $"user_id,date,project,hours,notes\nendless@exampleco.com,{day},Internal,1,fine\nendless@exampleco.com,{day},Internal,1,";

        var (response, read) = await SendEndlessAsync("text/csv", prefix);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("line 3", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(read < BodyBytes / 8, $"the server read {read} of {BodyBytes} bytes before answering");
        Assert.Equal(before, await EntryCountAsync());
    }

    [Fact]
    public async Task Upload_CsvErrorAfterAMultiLineFieldAndABlankLine_NamesTheLineTheRecordStartsOn_AndStoresNothing()
    {
        using var machine = await fixture.ClientAsync(OidcTestClient.ImportClient);
        var before = await EntryCountAsync();
        var day = fixture.NextDay().ToString("yyyy-MM-dd");
        // Line 1 the header; lines 2-3 one record whose quoted notes hold a CRLF; line 4 blank; line 5 an unclosed quote.
        var csv = "user_id,date,project,hours,notes,external_id\n"
            + $"lines@exampleco.com,{day},Internal,1,\"first line\r\nsecond line\",lines-1\n"
            + "\n"
            + $"lines@exampleco.com,{day},\"Internal,1,x\n";

        var problem = await (await machine.PostRawAsync("/timesheets/upload", csv, "text/csv")).AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("line 5", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await EntryCountAsync());
    }

    [Fact]
    public async Task Upload_EndlessJsonString_IsRefusedEarlyNamingTheRow_AndStoresNothing()
    {
        var before = await EntryCountAsync();
        var day = fixture.NextDay().ToString("yyyy-MM-dd");
        var prefix = $$"""[{"user_id":"endless@exampleco.com","date":"{{day}}","project":"Internal","hours":1},{"user_id":"endless@exampleco.com","notes":""" + "\"";

        var (response, read) = await SendEndlessAsync("application/json", prefix);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("Row 2", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(read < BodyBytes / 8, $"the server read {read} of {BodyBytes} bytes before answering");
        Assert.Equal(before, await EntryCountAsync());
    }

    [Fact]
    public async Task Upload_EndlessJsonObject_IsRefusedEarly_AndStoresNothing()
    {
        var before = await EntryCountAsync();

        var (response, read) = await SendEndlessAsync("application/json", """{"user_id":"endless@exampleco.com","unknown":{"notes":""" + "\"");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(read < BodyBytes / 8, $"the server read {read} of {BodyBytes} bytes before answering");
        Assert.Equal(before, await EntryCountAsync());
    }

    [Fact]
    public async Task Upload_BodyOverTheDefaultLimit_Returns413Problem_AndStoresNothing()
    {
        using var machine = await fixture.ClientAsync(OidcTestClient.ImportClient);
        var before = await EntryCountAsync();
        var day = fixture.NextDay().ToString("yyyy-MM-dd");
        var row = $"over@exampleco.com,{day},Internal,0.01,x\n";
        var csv = new StringBuilder("user_id,date,project,hours,notes\n");
        while (csv.Length <= new LimitSettings().MaxUploadBytes)
        {
            csv.Append(row);
        }

        await (await machine.PostRawAsync("/timesheets/upload", csv.ToString(), "text/csv")).AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(before, await EntryCountAsync());
    }

    private sealed class BodyBytesRead
    {
        private long _count;

        public long Count => Interlocked.Read(ref _count);

        public void Add(int bytes) => Interlocked.Add(ref _count, bytes);
    }

    /// <summary>First in the pipeline: the request body (and so <c>BodyReader</c>, which reads through it) counts what is read.</summary>
    private sealed class CountingStartupFilter(BodyBytesRead read) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Request.Body = new CountingStream(context.Request.Body, read);
                return nextMiddleware(context);
            });
            next(app);
        };
    }

    private sealed class CountingStream(Stream inner, BodyBytesRead read) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var n = await inner.ReadAsync(buffer, cancellationToken);
            read.Add(n);
            return n;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = inner.Read(buffer, offset, count);
            read.Add(n);
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

[Collection(SqliteCollection.Name)]
public sealed class UploadLimitTestsOnSqlite(SqliteApiFixture fixture) : UploadLimitTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class UploadLimitTestsOnPostgres(PostgresApiFixture fixture) : UploadLimitTests(fixture);

public sealed class LimitSettingsTests
{
    [Theory]
    [InlineData(65536, 16L * 1024 * 1024, true)]
    [InlineData(65536, 1L << 30, true)]
    [InlineData(65536, (1L << 30) + 1, false)]
    [InlineData(65536, 1024, false)]
    [InlineData(512, 16L * 1024 * 1024, false)]
    public void LimitSettings_UploadLimit_IsValidatedAtStart(long body, long upload, bool valid)
    {
        var result = new LimitSettingsValidator().Validate(null, new LimitSettings { MaxBodyBytes = body, MaxUploadBytes = upload });
        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.Contains("Limits__MaxUploadBytes", result.FailureMessage, StringComparison.Ordinal);
        }
    }
}
