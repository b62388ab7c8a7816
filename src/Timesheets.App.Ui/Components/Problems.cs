using Timesheets.Client;

namespace Timesheets.App.Ui.Components;

/// <summary>A problem said for a person: what happened and what to do, not the transport's exception text.</summary>
public static class Problems
{
    public static string Describe(ApiProblem problem) => problem.Kind switch
    {
        ProblemKind.Unreachable => "The server can't be reached: you may be offline. Try again when the connection is back.",
        ProblemKind.ServerError => "The server had a problem. Try again in a moment.",
        ProblemKind.RateLimited => "Too many requests. Try again in a moment.",
        _ => problem.Message,
    };
}
