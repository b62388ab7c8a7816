namespace Timesheets.Identity.Pages.Account;

/// <summary>What the enrolment pages say, in one place.</summary>
internal static class EnrolmentMessages
{
    public const string WrongCode = "That code does not match. Check that the app shows Timesheets with your email, then type its current code.";
}
