using Microsoft.AspNetCore.Mvc.ModelBinding;
using Timesheets.Identity.Management;

namespace Timesheets.Identity.Pages.Admin;

/// <summary>What the admin pages share: form lines and refusals.</summary>
internal static class PageInput
{
    /// <summary>A textarea's non-empty lines, trimmed.</summary>
    public static List<string> Lines(string? text) =>
        [.. (text ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];

    /// <summary>Shows a refusal of a service next to the form: the sentence, and each field's messages.</summary>
    public static void Show(this ModelStateDictionary state, AdminError error)
    {
        state.AddModelError("", error.Detail);
        foreach (var message in (error.Errors ?? new Dictionary<string, string[]>()).Where(e => e.Value.Length > 0).SelectMany(e => e.Value))
        {
            if (message != error.Detail)
            {
                state.AddModelError("", message);
            }
        }
    }

    /// <summary>A refusal as one sentence for a page: its field messages, or its detail.</summary>
    public static string Sentence(this AdminError error) =>
        error.Errors is { Count: > 0 } fields ? string.Join(" ", fields.SelectMany(f => f.Value).Distinct()) : error.Detail;
}
