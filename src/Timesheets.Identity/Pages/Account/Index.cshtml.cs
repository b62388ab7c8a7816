namespace Timesheets.Identity.Pages.Account;

/// <summary><c>/account</c>: who is logged in, and the links to the account's settings.</summary>
public sealed class IndexModel : AccountPageModel
{
    public bool TwoFactorEnabled => CurrentSession.Account.User.TwoFactorEnabled;

    public void OnGet()
    {
    }
}
