using System.CommandLine;
using System.Text.Json.Serialization.Metadata;
using Spectre.Console;
using Timesheets.Cli.Shared;
using Timesheets.Client;
using Timesheets.Client.Management;

namespace Timesheets.Cli.Admin;

/// <summary>One run of an admin command: the parsed line, the Management API client, and how it answers (tables or <c>--json</c>).</summary>
internal sealed class AdminCall(CliContext context, ParseResult parse, ManagementClient api, bool json)
{
    public CliContext Context { get; } = context;

    public ParseResult Parse { get; } = parse;

    public ManagementClient Api { get; } = api;

    /// <summary>True with <c>--json</c>: the API's own JSON on stdout, nothing else there.</summary>
    public bool Json { get; } = json;

    public IAnsiConsole Console => Context.Console;

    public T? Value<T>(Argument<T> argument) => Parse.GetValue(argument);

    public T? Value<T>(Option<T> option) => Parse.GetValue(option);

    /// <summary>The problem on stderr, with what to do about it; answers its exit code.</summary>
    public int Fail(ApiProblem problem) => Output.Fail(Context, problem, LoginProfile.Admin);

    /// <summary>The value as JSON with <c>--json</c>, else as <paramref name="show"/> prints it; or the problem.</summary>
    public int Show<T>(ApiResult<T> result, JsonTypeInfo<T> typeInfo, Action<T> show)
        where T : class
    {
        return result.Problem is { } problem ? Fail(problem) : Show(result.Value!, typeInfo, show);
    }

    /// <summary>A value the command put together: as JSON with <c>--json</c>, else as <paramref name="show"/> prints it.</summary>
    public int Show<T>(T value, JsonTypeInfo<T> typeInfo, Action<T> show)
    {
        if (Json)
        {
            Output.Json(Context, value, typeInfo);
        }
        else
        {
            show(value);
        }

        return ExitCodes.Ok;
    }

    /// <summary>A change that answers nothing: one line saying what was done, or <c>{"done": true}</c> with <c>--json</c>; or the problem.</summary>
    public int Done(ApiResult<Done> result, string message)
    {
        if (result.Problem is { } problem)
        {
            return Fail(problem);
        }

        if (Json)
        {
            Context.Out.WriteLine("{\"done\":true}");
        }
        else
        {
            Console.MarkupLine(Markup.Escape(message));
        }

        return ExitCodes.Ok;
    }

    /// <summary>Goes on with the thing found (a user by email, a role by name, …), or says why there is none.</summary>
    public async Task<int> WithAsync<T>(Task<ApiResult<T>> find, Func<T, Task<int>> then)
        where T : class
    {
        var found = await find;
        return found.Value is { } value ? await then(value) : Fail(found.Problem!);
    }

    /// <summary>Runs a destructive action once confirmed (<see cref="ConfirmAsync"/>); else ends with the exit code of the refusal.</summary>
    public async Task<int> ConfirmedAsync(Option<bool> yes, string question, Func<Task<int>> then, CancellationToken cancellationToken) =>
        await ConfirmAsync(yes, question, cancellationToken) ?? await then();

    /// <summary>
    /// Asks before a destructive action: null to go on (confirmed, or <c>--yes</c>), else the exit code
    /// to end with. Without a terminal to ask on, only <c>--yes</c> confirms: a script never hangs on a prompt.
    /// </summary>
    public async Task<int?> ConfirmAsync(Option<bool> yes, string question, CancellationToken cancellationToken)
    {
        if (Parse.GetValue(yes))
        {
            return null;
        }

        if (!Context.Interactive)
        {
            return Output.Usage(Context, $"{question} Not confirmed, nothing changed: add --yes to do it without a prompt.");
        }

        if (await new ConfirmationPrompt(question) { DefaultValue = false }.ShowAsync(Console, cancellationToken))
        {
            return null;
        }

        Console.MarkupLine("Cancelled: nothing changed.");
        return ExitCodes.Usage;
    }
}
