using Microsoft.Extensions.Options;

namespace Timesheets.Identity.Tests.Configuration;

public sealed class SettingsValidationTests
{
    [Theory]
    [InlineData("Identity:Issuer", "not-a-url", "Identity:Issuer")]
    [InlineData("Identity:Issuer", "http://localhost", "must end with '/'")]
    [InlineData("Clients:ImportSecret", "short", "Clients:ImportSecret")]
    [InlineData("Database:Provider", "Oracle", "Database:Provider")]
    [InlineData("Identity:MaxFailedLogins", "0", "Identity:MaxFailedLogins")]
    public async Task Start_WithAWrongSetting_FailsWithAMessageNamingIt(string key, string value, string expected)
    {
        await using var host = new IdentityHost(TestDatabase.Sqlite("settings"), new Dictionary<string, string?> { [key] = value });

        var error = Assert.ThrowsAny<Exception>(() => host.Server);

        var messages = Flatten(error).Select(e => e.Message).ToList();
        Assert.Contains(messages, m => m.Contains(expected, StringComparison.Ordinal));
        Assert.Contains(Flatten(error), e => e is OptionsValidationException);
    }

    private static IEnumerable<Exception> Flatten(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Flatten))
                {
                    yield return inner;
                }
            }
        }
    }
}
