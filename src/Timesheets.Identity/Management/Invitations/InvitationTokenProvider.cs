using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Timesheets.Identity.Users;

namespace Timesheets.Identity.Management.Invitations;

/// <summary>
/// ASP.NET Core Identity's data-protection tokens under a name (and so a protector) of their own and
/// their own lifespan (<see cref="InvitationSettings.Lifetime"/>): an invitation link lives a week
/// while a password reset link lives a day, and neither token is accepted as the other. Both carry
/// the user's security stamp, which setting the password changes: each link works once.
/// </summary>
internal sealed class InvitationTokenProvider(IDataProtectionProvider protection, IOptions<InvitationTokenOptions> options,
    ILogger<DataProtectorTokenProvider<ApplicationUser>> logger)
    : DataProtectorTokenProvider<ApplicationUser>(protection, options, logger)
{
    public const string ProviderName = "Invitation";

    public const string Purpose = "Invitation";
}

internal sealed class InvitationTokenOptions : DataProtectionTokenProviderOptions
{
    public InvitationTokenOptions() => Name = InvitationTokenProvider.ProviderName;
}
