using Microsoft.AspNetCore.Mvc;
using Timesheets.Identity.Management.SigningKeys;

namespace Timesheets.Identity.Pages.Admin.Keys;

/// <summary>The signing keys with their state; rotate; revoke with confirmation.</summary>
public sealed class IndexModel : AdminPageModel
{
    protected override string RequiredPermission => ManagementScopes.ReadSigningKeys;

    public IReadOnlyList<SigningKeyResponse> Keys { get; private set; } = [];

    [BindProperty]
    public string? Kid { get; set; }

    [BindProperty]
    public bool Confirm { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Keys = await Service.ListAsync(cancellationToken);

    public async Task<IActionResult> OnPostRotateAsync(CancellationToken cancellationToken)
    {
        if (!Can(ManagementScopes.CreateSigningKeys))
        {
            return Forbidden();
        }

        var next = await Service.RotateAsync(cancellationToken);
        Notice = $"Key {next.Kid} is published and signs from {next.CurrentSince:u}; the current key keeps verifying its tokens until they expire.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRevokeAsync(CancellationToken cancellationToken)
    {
        if (!Can(ManagementScopes.UpdateSigningKeys))
        {
            return Forbidden();
        }

        if (!Confirm || string.IsNullOrEmpty(Kid))
        {
            ModelState.AddModelError("", "Tick the box next to the key to confirm its revocation.");
        }
        else if ((await Service.RevokeAsync(Kid, cancellationToken)).Error is { } error)
        {
            ModelState.Show(error);
        }
        else
        {
            Notice = $"Key {Kid} is revoked: it leaves the JWKS and its tokens stop verifying.";
            return RedirectToPage();
        }

        Keys = await Service.ListAsync(cancellationToken);
        return Page();
    }

    public static string State(SigningKeyResponse key) =>
        key.Revoked ? "revoked" : key.Current ? "current" : key.Next ? "next" : key.Published ? "previous (verifies)" : "retired";

    private SigningKeyAdmin Service => HttpContext.RequestServices.GetRequiredService<SigningKeyAdmin>();
}
