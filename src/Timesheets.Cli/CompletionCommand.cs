using System.CommandLine;
using Timesheets.Cli.Shared;

namespace Timesheets.Cli;

/// <summary>
/// <c>completion bash|zsh</c>: prints a script that asks the tool itself for completions through
/// System.CommandLine's <c>[suggest]</c> directive, so the completions always match this version.
/// </summary>
internal static class CompletionCommand
{
    private const string Bash = """
        _timesheets_complete() {
          local IFS=$'\n'
          COMPREPLY=( $(timesheets "[suggest:${COMP_POINT}]" "${COMP_LINE}" 2>/dev/null) )
        }
        complete -o default -F _timesheets_complete timesheets
        """;

    private const string Zsh = """
        #compdef timesheets
        _timesheets() {
          local -a completions
          completions=("${(@f)$(timesheets "[suggest:${#BUFFER}]" "${BUFFER}" 2>/dev/null)}")
          compadd -a completions
        }
        compdef _timesheets timesheets
        """;

    public static Command Create(CliContext context)
    {
        var shell = new Argument<string>("shell") { Description = "bash or zsh" }.AcceptOnlyFromAmong("bash", "zsh");
        var command = CommandKit.Create("completion", "Print a shell completion script; add it to your shell's start-up file.",
            "timesheets completion bash >> ~/.bashrc", "timesheets completion zsh > \"${fpath[1]}/_timesheets\"");
        command.Add(shell);
        command.SetHandler(context, async (parse, _) =>
        {
            await context.Out.WriteLineAsync(parse.GetValue(shell) == "zsh" ? Zsh : Bash);
            return ExitCodes.Ok;
        });
        return command;
    }
}
