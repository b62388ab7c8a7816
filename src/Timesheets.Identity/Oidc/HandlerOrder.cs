namespace Timesheets.Identity.Oidc;

/// <summary>
/// Where the custom OpenIddict event handlers run among the built-in ones of the same event. These
/// are the two orders OpenIddict itself uses for the handlers that must come first or last; the
/// 100,000 left at either end of the range keeps room for one that must run before or after ours.
/// </summary>
internal static class HandlerOrder
{
    /// <summary>Before the built-in handlers: to change what they will do (e.g. not store a token) or see the response before it is written.</summary>
    public const int BeforeBuiltIns = int.MinValue + 100_000;

    /// <summary>
    /// After the built-in handlers: on an Extract event, the request has been read and nothing has
    /// been validated yet (validation is the next event).
    /// </summary>
    public const int AfterBuiltIns = int.MaxValue - 100_000;

    /// <summary>
    /// On an Extract event, after the built-in handlers read the request and before ours (at
    /// <see cref="AfterBuiltIns"/>) reshape it: a request holding unreadable text goes no further.
    /// </summary>
    public const int CheckExtractedRequest = AfterBuiltIns - 1_000;
}
