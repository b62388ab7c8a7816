using System.Net;
using System.Text;
using System.Text.Json;
using Timesheets.Identity.Tests.Infrastructure;

namespace Timesheets.Identity.Tests.Management;

/// <summary>The users endpoints with a real admin token: shapes as Auth0's, every change logged with before and after.</summary>
public abstract class UsersApiTests(IdentityFixture fixture)
{
    private IdentityHost Host => fixture.Host;

    [Fact]
    public async Task Users_ListSearchAndPage_AnswerAuth0Shapes()
    {
        using var admin = await ManagementSession.ClientAsync(Host, IdentityHost.Admin);

        var page = await (await admin.GetAsync("/api/v2/users?q=MARIA&include_totals=true&per_page=10")).ReadAsync<ManagementUserPage>();
        Assert.Equal(1, page.Total);
        Assert.Equal(IdentityHost.Manager, page.Users.Single().Email);
        Assert.Equal(10, page.Limit);

        var array = JsonDocument.Parse(await admin.GetStringAsync("/api/v2/users?q=exampleco&per_page=2&page=1")).RootElement;
        Assert.Equal(JsonValueKind.Array, array.ValueKind);
        Assert.Equal(2, array.GetArrayLength());
        var first = array[0];
        foreach (var field in new[] { "user_id", "email", "email_verified", "name", "blocked", "contractor", "created_at", "updated_at", "logins_count", "multifactor" })
        {
            Assert.True(first.TryGetProperty(field, out _), field);
        }

        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/v2/users?per_page=101")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/v2/users?page=-1")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/v2/users?page=abc")).StatusCode);
    }

    [Fact]
    public async Task UsersByEmail_AnyCase_ReturnsExactMatchWithBlockedFlag()
    {
        using var admin = await ManagementSession.ClientAsync(Host, IdentityHost.Admin);
        var user = await admin.InviteAsync();
        await admin.SendJsonAsync(HttpMethod.Patch, $"/api/v2/users/{user.UserId}", new UpdateUserRequest { Blocked = true });

        var found = await (await admin.GetAsync($"/api/v2/users-by-email?email={Uri.EscapeDataString(user.Email!.ToUpperInvariant())}")).ReadAsync<List<ManagementUser>>();
        Assert.Equal(user.UserId, Assert.Single(found).UserId);
        Assert.True(found[0].Blocked);
        Assert.Empty(await (await admin.GetAsync("/api/v2/users-by-email?email=nobody%40exampleco.com")).ReadAsync<List<ManagementUser>>());
        Assert.Empty(await (await admin.GetAsync("/api/v2/users-by-email?email=" + Uri.EscapeDataString(user.Email[..5]))).ReadAsync<List<ManagementUser>>());
    }

    [Fact]
    public async Task Invite_ThenUpdateAndDelete_EachChangeLoggedWithBeforeAndAfter()
    {
        using var admin = await ManagementSession.ClientAsync(Host, IdentityHost.Admin);
        var employee = await admin.RoleIdAsync("Employee");
        var user = await admin.InviteAsync(employee, contractor: true);
        Assert.True(user.Contractor);
        Assert.False(user.EmailVerified);
        Assert.StartsWith(IdentityHost.Issuer + "account/set-password?user=", user.InvitationUrl, StringComparison.Ordinal);
        Assert.Equal("Employee", Assert.Single(await (await admin.GetAsync($"/api/v2/users/{user.UserId}/roles")).ReadAsync<List<ManagementRole>>()).Name);

        var patched = await (await admin.SendJsonAsync(HttpMethod.Patch, $"/api/v2/users/{user.UserId}",
            new UpdateUserRequest { Name = "Ivy Renamed", Nickname = "ivy", Contractor = false })).ReadAsync<ManagementUser>();
        Assert.Equal("Ivy Renamed", patched.Name);
        Assert.False(patched.Contractor);
        Assert.Equal("Ivy Renamed", (await (await admin.GetAsync($"/api/v2/users/{user.UserId}")).ReadAsync<ManagementUser>()).Name);

        Assert.Equal(HttpStatusCode.Created, (await admin.SendJsonAsync(HttpMethod.Post, "/api/v2/tickets/password-change",
            new PasswordChangeTicketRequest { UserId = user.UserId })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v2/user-blocks/{user.UserId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v2/users/{user.UserId}/authenticators")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v2/users/{user.UserId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v2/users/{user.UserId}")).StatusCode);

        var logs = await Host.LogsAsync(user.UserId);
        Assert.Contains(logs, l => l.Description.StartsWith("Invited", StringComparison.Ordinal) && l.Before is null && l.After!.Contains("\"contractor\":true", StringComparison.Ordinal));
        var update = Assert.Single(logs, l => l.Description.StartsWith("Updated", StringComparison.Ordinal));
        Assert.Contains("Ivy Invited", update.Before, StringComparison.Ordinal);
        Assert.Contains("Ivy Renamed", update.After, StringComparison.Ordinal);
        Assert.Equal(IdentityHost.Admin, update.ActorName);
        Assert.Contains(logs, l => l.Description.StartsWith("Created a set-password link", StringComparison.Ordinal));
        Assert.Contains(logs, l => l.Description.StartsWith("Unlocked", StringComparison.Ordinal));
        Assert.Contains(logs, l => l.Description.StartsWith("Reset the second factor", StringComparison.Ordinal));
        var deleted = Assert.Single(logs, l => l.Description.StartsWith("Deleted", StringComparison.Ordinal));
        Assert.Null(deleted.After);
        // Links are secrets: no log entry holds one.
        Assert.DoesNotContain(logs, l => (l.Before + l.After + l.Description).Contains("token=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UserRoles_AssignAndRemove_LoggedAndListed()
    {
        using var admin = await ManagementSession.ClientAsync(Host, IdentityHost.Admin);
        var user = await admin.InviteAsync();
        var manager = await admin.RoleIdAsync("Manager");

        Assert.Equal(HttpStatusCode.NoContent, (await admin.SendJsonAsync(HttpMethod.Post, $"/api/v2/users/{user.UserId}/roles", new UserRolesRequest { Roles = [manager] })).StatusCode);
        Assert.Equal("Manager", Assert.Single(await (await admin.GetAsync($"/api/v2/users/{user.UserId}/roles")).ReadAsync<List<ManagementRole>>()).Name);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.SendJsonAsync(HttpMethod.Delete, $"/api/v2/users/{user.UserId}/roles", new UserRolesRequest { Roles = [manager] })).StatusCode);
        Assert.Empty(await (await admin.GetAsync($"/api/v2/users/{user.UserId}/roles")).ReadAsync<List<ManagementRole>>());

        var logs = await Host.LogsAsync(user.UserId);
        var assigned = Assert.Single(logs, l => l.Description.StartsWith("Assigned Manager", StringComparison.Ordinal));
        Assert.Equal("{\"roles\":[]}", assigned.Before);
        Assert.Equal("{\"roles\":[\"Manager\"]}", assigned.After);
        Assert.Single(logs, l => l.Description.StartsWith("Removed Manager", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BadInput_Answers4xxProblem_AndWritesNothing()
    {
        using var admin = await ManagementSession.ClientAsync(Host, IdentityHost.Admin);
        var existing = await admin.InviteAsync();
        var before = (await (await admin.GetAsync("/api/v2/users?include_totals=true")).ReadAsync<ManagementUserPage>()).Total;

        async Task ExpectAsync(HttpStatusCode status, HttpResponseMessage response)
        {
            Assert.Equal(status, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        await ExpectAsync(HttpStatusCode.Conflict, await admin.SendJsonAsync(HttpMethod.Post, "/api/v2/users", new CreateUserRequest { Email = existing.Email!.ToUpperInvariant() }));
        await ExpectAsync(HttpStatusCode.BadRequest, await admin.SendJsonAsync(HttpMethod.Post, "/api/v2/users", new CreateUserRequest { Email = "not-an-email" }));
        await ExpectAsync(HttpStatusCode.BadRequest, await admin.SendJsonAsync(HttpMethod.Post, "/api/v2/users",
            new CreateUserRequest { Email = $"x-{Guid.NewGuid():N}@exampleco.com", Roles = ["no-such-role"] }));
        await ExpectAsync(HttpStatusCode.BadRequest, await admin.SendJsonAsync(HttpMethod.Post, "/api/v2/users",
            new CreateUserRequest { Email = $"x-{Guid.NewGuid():N}@exampleco.com", Name = new string('n', 201) }));
        await ExpectAsync(HttpStatusCode.BadRequest, await admin.PostAsync("/api/v2/users", new StringContent("{\"email\":", Encoding.UTF8, "application/json")));
        await ExpectAsync(HttpStatusCode.NotFound, await admin.GetAsync("/api/v2/users/no-such-user"));
        await ExpectAsync(HttpStatusCode.NotFound, await admin.SendJsonAsync(HttpMethod.Patch, "/api/v2/users/no-such-user", new UpdateUserRequest { Name = "x" }));
        await ExpectAsync(HttpStatusCode.BadRequest, await admin.SendJsonAsync(HttpMethod.Patch, $"/api/v2/users/{existing.UserId}", new UpdateUserRequest { Picture = "javascript:alert(1)" }));
        await ExpectAsync(HttpStatusCode.BadRequest, await admin.SendJsonAsync(HttpMethod.Post, $"/api/v2/users/{existing.UserId}/roles", new UserRolesRequest { Roles = ["nope"] }));
        await ExpectAsync(HttpStatusCode.BadRequest, await admin.GetAsync("/api/v2/users-by-email?email=a%01b%40exampleco.com"));
        await ExpectAsync(HttpStatusCode.BadRequest, await admin.GetAsync("/api/v2/users?q=a%00b"));
        await ExpectAsync(HttpStatusCode.BadRequest, await admin.GetAsync("/api/v2/users-by-email"));

        foreach (var hostile in HostileText.All)
        {
            var body = Encoding.UTF8.GetBytes("{\"email\":\"h@exampleco.com\",\"name\":").Concat(hostile.Json).Concat("}"u8.ToArray()).ToArray();
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = new("application/json");
            await ExpectAsync(HttpStatusCode.BadRequest, await admin.PostAsync("/api/v2/users", content));
        }

        var adminId = (await (await admin.GetAsync($"/api/v2/users-by-email?email={Uri.EscapeDataString(IdentityHost.Admin)}")).ReadAsync<List<ManagementUser>>()).Single().UserId;
        await ExpectAsync(HttpStatusCode.Conflict, await admin.DeleteAsync($"/api/v2/users/{adminId}"));

        Assert.Equal(before, (await (await admin.GetAsync("/api/v2/users?include_totals=true")).ReadAsync<ManagementUserPage>()).Total);
        Assert.DoesNotContain(await Host.LogsAsync(existing.UserId), l => l.Description.StartsWith("Updated", StringComparison.Ordinal));
    }
}
