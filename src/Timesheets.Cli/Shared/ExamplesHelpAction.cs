using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace Timesheets.Cli.Shared;

/// <summary>The standard help, then the command's examples (kept out of the description so command lists stay one line each).</summary>
internal sealed class ExamplesHelpAction(HelpAction standard) : SynchronousCommandLineAction
{
    public override int Invoke(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var result = standard.Invoke(parseResult);
        var examples = CommandKit.ExamplesOf(parseResult.CommandResult.Command);
        if (examples.Length > 0)
        {
            var output = parseResult.InvocationConfiguration.Output;
            output.WriteLine("Examples:");
            foreach (var example in examples)
            {
                output.WriteLine("  " + example);
            }

            output.WriteLine();
        }

        return result;
    }

    /// <summary>Puts this action on the root's (recursive) help option.</summary>
    public static void Install(RootCommand root)
    {
        foreach (var help in root.Options.OfType<HelpOption>())
        {
            help.Action = new ExamplesHelpAction((HelpAction)help.Action!);
        }
    }
}
