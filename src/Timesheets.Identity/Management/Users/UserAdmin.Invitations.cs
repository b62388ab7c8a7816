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
            return new AdminError(StatusCodes.Status502BadGateway, "The invitation e-mail could not be sent; nobody was invited. Check the SMTP settings.");
        }

        await transaction.CommitAsync(cancellationToken);
        return AdminResult<ManagementUser>.Success(mail.Enabled ? after : after with { InvitationUrl = link });
    }

    /// <summary>A password reset link for the user (Auth0's password-change ticket). The log says one was made, never what it is.</summary>
    public async Task<AdminResult<PasswordChangeTicket>> PasswordTicketAsync(string? id, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(id) || await FindAsync(id, cancellationToken) is not { } user)
        {
            return AdminError.NotFound("user");
        }

        var link = await links.PasswordResetAsync(user);
        log.Record($"Created a set-password link for {user.Email}", "user", user.Id, null, null);
        await db.SaveChangesAsync(cancellationToken);
        return AdminResult<PasswordChangeTicket>.Success(new PasswordChangeTicket(link));
    }

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
    /// Turns the user's second factor off and forgets its secret, so they enrol again at their next login;
    /// both changes write a new security stamp, which ends every session of the user.
    /// </summary>
    /// <remarks>Until the MFA feature's <c>TwoFactorReset</c> is merged, the reset is done here with Identity's own calls.</remarks>
    public async Task<AdminResult<ManagementUser>> ResetSecondFactorAsync(string id, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, cancellationToken) is not { } user)
        {
            return AdminError.NotFound("user");
        }

        var before = user.ToResponse(Now);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        user.UpdatedAt = Now;
        log.Record($"Reset the second factor of {user.Email}", "user", user.Id, new { before.Multifactor }, new { multifactor = Array.Empty<string>() });
        var disabled = await users.SetTwoFactorEnabledAsync(user, false);
        var reset = disabled.Succeeded ? await users.ResetAuthenticatorKeyAsync(user) : disabled;
        if (!reset.Succeeded)
        {
            return reset.ToAdminError("user");
        }

        await transaction.CommitAsync(cancellationToken);
        return AdminResult<ManagementUser>.Success(user.ToResponse(Now));
    }
}
