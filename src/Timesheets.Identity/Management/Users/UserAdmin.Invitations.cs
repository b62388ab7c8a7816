using Timesheets.Identity.Users;

namespace Timesheets.Identity.Management.Users;

internal sealed partial class UserAdmin
{
    /// <summary>
    /// Creates the user without a password, with the given roles, and a one-time set-password link:
    /// mailed when SMTP is configured (the mail is sent before the user is committed, so a mail that
    /// cannot go out leaves no user behind), otherwise returned in <see cref="ManagementUser.InvitationUrl"/>.
    /// </summary>
    public async Task<AdminResult<ManagementUser>> InviteAsync(CreateUserRequest request, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (UserInput.EmailProblem(request.Email) is { } emailProblem)
        {
            errors["email"] = [emailProblem];
        }

        if (UserInput.NameProblem(request.Name) is { } nameProblem)
        {
            errors["name"] = [nameProblem];
        }

        var roleIds = (request.Roles ?? []).Distinct(StringComparer.Ordinal).ToList();
        var roleNames = await RoleNamesAsync(roleIds, cancellationToken);
        if (roleNames is null)
        {
            errors["roles"] = ["roles names a role that does not exist."];
        }

        if (errors.Count > 0)
        {
            return AdminError.Invalid(errors);
        }

        var email = request.Email.Trim();
        if (await users.FindByEmailAsync(email) is not null)
        {
            return AdminError.Conflict("A user with this e-mail already exists.");
        }

        var now = Now;
        var user = new ApplicationUser
        {
            UserName = email,
            Email = email,
            DisplayName = request.Name?.Trim() ?? email.Split('@')[0],
            IsContractor = request.Contractor,
            CreatedAt = now,
            UpdatedAt = now,
        };

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
        {
            return created.ToAdminError("email");
        }

        if (roleNames!.Count > 0)
        {
            var added = await users.AddToRolesAsync(user, roleNames);
            if (!added.Succeeded)
            {
                return added.ToAdminError("roles");
            }
        }

        var after = user.ToResponse(now);
        log.Record($"Invited user {email}", "user", user.Id, null, new { user = after, roles = roleNames });
        await db.SaveChangesAsync(cancellationToken);
        var link = await links.InvitationAsync(user);
        if (mail.Enabled && !await mail.SendAsync(email, user.DisplayName, link, invitation: true, cancellationToken))
        {
            return MailFailed("invitation e-mail could not be sent; nobody was invited");
        }

        await transaction.CommitAsync(cancellationToken);
        return AdminResult<ManagementUser>.Success(mail.Enabled ? after : after with { InvitationUrl = link });
    }

    /// <summary>
    /// A password reset link for the user (Auth0's password-change ticket): mailed when SMTP is configured
    /// (then the answer's <see cref="PasswordChangeTicket.Ticket"/> is null), otherwise returned. A mail that
    /// cannot go out is a 502 and changes nothing. The log says one was made, never what it is.
    /// </summary>
    public async Task<AdminResult<PasswordChangeTicket>> PasswordTicketAsync(string? id, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(id) || await FindAsync(id, cancellationToken) is not { } user)
        {
            return AdminError.NotFound("user");
        }

        var link = await links.PasswordResetAsync(user);
        if (mail.Enabled && !await mail.SendAsync(user.Email ?? "", user.DisplayName, link, invitation: false, cancellationToken))
        {
            return MailFailed("set-password e-mail could not be sent; nothing changed");
        }

        log.Record($"{(mail.Enabled ? "E-mailed" : "Created")} a set-password link for {user.Email}", "user", user.Id, null, null);
        await db.SaveChangesAsync(cancellationToken);
        return AdminResult<PasswordChangeTicket>.Success(new PasswordChangeTicket(mail.Enabled ? null : link));
    }

    /// <summary>The SMTP server could not be reached or refused the mail: the admin's problem to fix in the settings, not a server fault.</summary>
    private static AdminError MailFailed(string what) =>
        new(StatusCodes.Status502BadGateway, $"The {what}. Check the SMTP settings (Smtp__Host, Smtp__Port) and that the mail server is up.");

    /// <summary>Lifts the failed-login blocks of every (account, address) pair of this user.</summary>
    public async Task<AdminResult<int>> UnlockAsync(string id, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, cancellationToken) is not { } user)
        {
            return AdminError.NotFound("user");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var lifted = await throttle.UnlockAccountAsync(user.NormalizedEmail ?? "", cancellationToken);
        log.Record($"Unlocked user {user.Email}", "user", user.Id, new { blocked_login_pairs = lifted }, new { blocked_login_pairs = 0 });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return AdminResult<int>.Success(lifted);
    }

    /// <summary>
    /// Resets the user's second factor as the admin pages do (<see cref="Mfa.TwoFactorReset"/>): the authenticator
    /// and recovery codes gone, every session ended, in browsers and in apps (their refresh tokens fail at
    /// once); the user enrols again at their next login when their role requires it.
    /// </summary>
    public async Task<AdminResult<ManagementUser>> ResetSecondFactorAsync(string id, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, cancellationToken) is not { } user)
        {
            return AdminError.NotFound("user");
        }

        var before = user.ToResponse(Now);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        user.UpdatedAt = Now;
        // Saved with the reset's first write, in its transaction.
        log.Record($"Reset the second factor of {user.Email}", "user", user.Id, new { before.Multifactor }, new { multifactor = Array.Empty<string>() });
        await twoFactorReset.ResetAsync(user, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return AdminResult<ManagementUser>.Success(user.ToResponse(Now));
    }
}
