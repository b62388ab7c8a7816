using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Timesheets.Client;

namespace Timesheets.Cli.Shared;

/// <summary>Problems to stderr with their exit code; JSON to stdout for scripts.</summary>
internal static class Output
{
    public static int ExitCodeOf(ApiProblem problem) => problem.Kind switch
    {
        ProblemKind.LoginRequired => ExitCodes.LoginRequired,
        ProblemKind.Unreachable => ExitCodes.Unreachable,
        ProblemKind.ServerError => ExitCodes.ServerError,
        _ => ExitCodes.Refused,
    };

    /// <summary>
    /// Says why, field by field when the server named fields, and answers the exit code. A login
    /// needed names the command of the login it needs (<paramref name="profile"/>: the user's by default).
    /// </summary>
    public static int Fail(CliContext context, ApiProblem problem, LoginProfile? profile = null)
    {
        var login = (profile ?? LoginProfile.User).Command;
        var hint = problem.Kind switch
        {
            ProblemKind.LoginRequired => $" Run `{login}` (or `{login} --device`).",
            ProblemKind.Forbidden when profile == LoginProfile.Admin =>
                " Your login is not allowed to do this: it takes an account whose role grants this permission (the Admin role has them all).",
            ProblemKind.RateLimited when problem.RetryAfter is { } wait => $" Try again in {wait.TotalSeconds:0} s.",
            _ => "",
        };
        context.Error.WriteLine($"error: {problem.Title.TrimEnd('.')}.{(problem.Detail is { } detail ? " " + detail : "")}{hint}");
        foreach (var (field, messages) in problem.Errors)
        {
            foreach (var message in messages)
            {
                context.Error.WriteLine($"  {field}: {message}");
            }
        }

        return ExitCodeOf(problem);
    }

    /// <summary>Rules checked before sending (EntryShape): the same messages the server would give.</summary>
    public static int Invalid(CliContext context, IReadOnlyDictionary<string, string[]> errors) =>
        Fail(context, new ApiProblem { Kind = ProblemKind.Invalid, Status = 0, Title = "Not sent", Detail = "Fix these and try again:", Errors = errors });

    public static int Usage(CliContext context, string message)
    {
        context.Error.WriteLine($"error: {message}");
        return ExitCodes.Usage;
    }

    public static void Json<T>(CliContext context, T value, JsonTypeInfo<T> typeInfo) =>
        context.Out.WriteLine(JsonSerializer.Serialize(value, typeInfo));
}
