using System.CommandLine;
using Spectre.Console;
using Timesheets.Cli.Shared;
using Timesheets.Client;
using Timesheets.Client.Management;
using Timesheets.Contracts;

namespace Timesheets.Cli.Admin.Users;

/// <summary><c>admin users block|unblock|unlock|delete|reset-password|reset-mfa USER</c>: one action on one user, named by email or id.</summary>
internal static class UserActionCommands
{
    public static IEnumerable<Command> Create(CliContext context) =>
    [
        Changes(context, "block", "Block a user: no more logins, and their sessions end at their next token refresh.",
            (api, user, token) => api.SetBlockedAsync(user.UserId, blocked: true, token), u => $"Blocked {u.Email}: they can no longer log in."),
        Changes(context, "unblock", "Unblock a user: they can log in again.",
            (api, user, token) => api.SetBlockedAsync(user.UserId, blocked: false, token), u => $"Unblocked {u.Email}."),
        Acts(context, "unlock", "End a lockout after too many failed logins (a block stays).", confirm: false,
            (api, user, token) => api.UnlockUserAsync(user.UserId, token), u => $"Unlocked {u.Email}: they can try their password again."),
        Acts(context, "delete", "Delete a user; their hours stay in the API, under their id.", confirm: true,
            (api, user, token) => api.DeleteUserAsync(user.UserId, token), u => $"Deleted {u.Email}."),
        ResetPasswordCommand(context),
        Acts(context, "reset-mfa", "Remove a user's second factor (a lost phone): they enrol again at their next login.", confirm: false,
            (api, user, token) => api.ResetMfaAsync(user.UserId, token), u => $"Removed the second factor of {u.Email}: they enrol again at their next login."),
    ];

    /// <summary>An action that answers the user as changed: shown with <c>--json</c>.</summary>
    private static Command Changes(CliContext context, string name, string description,
        Func<ManagementClient, ManagementUser, CancellationToken, Task<ApiResult<ManagementUser>>> change, Func<ManagementUser, string> done)
    {
        var user = UserCommands.UserArgument();
        return CommandKit.Create(name, description, $"timesheets admin users {name} ann@exampleco.com")
            .With(user)
            .RunsAdmin(context, (call, cancellationToken) => call.WithAsync(call.Api.FindUserAsync(call.Value(user)!, cancellationToken), async target =>
                call.Show(await change(call.Api, target, cancellationToken), ManagementJson.Default.ManagementUser, u => call.Console.WriteLine(done(u)))));
    }

    /// <summary>An action that answers nothing; <paramref name="confirm"/> asks first (or takes <c>--yes</c>).</summary>
    private static Command Acts(CliContext context, string name, string description, bool confirm,
        Func<ManagementClient, ManagementUser, CancellationToken, Task<ApiResult<Done>>> act, Func<ManagementUser, string> done)
    {
        var user = UserCommands.UserArgument();
        var yes = AdminKit.YesOption();
        var command = CommandKit.Create(name, description, $"timesheets admin users {name} ann@exampleco.com" + (confirm ? " --yes" : "")).With(user);
        if (confirm)
        {
            command.Add(yes);
        }

        return command.RunsAdmin(context, (call, cancellationToken) => call.WithAsync(call.Api.FindUserAsync(call.Value(user)!, cancellationToken), async target =>
        {
            async Task<int> ActAsync() => call.Done(await act(call.Api, target, cancellationToken), done(target));
            return confirm
                ? await call.ConfirmedAsync(yes, $"{char.ToUpperInvariant(name[0])}{name[1..]} the user {target.Email}?", ActAsync, cancellationToken)
                : await ActAsync();
        }));
    }

    private static Command ResetPasswordCommand(CliContext context)
    {
        var user = UserCommands.UserArgument();
        return CommandKit.Create("reset-password", "Make a one-time set-password link for a user (their current password keeps working until they use it).",
                "timesheets admin users reset-password ann@exampleco.com")
            .With(user)
            .RunsAdmin(context, (call, cancellationToken) => call.WithAsync(call.Api.FindUserAsync(call.Value(user)!, cancellationToken), async target =>
                call.Show(await call.Api.CreatePasswordLinkAsync(target.UserId, cancellationToken), ManagementJson.Default.PasswordChangeTicket,
                    ticket => SetPasswordLink.Print(call, ticket.Ticket, $"Give {target.Email} this link to choose a new password"))));
    }
}
