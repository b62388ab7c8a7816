using Timesheets.Identity.Management.Clients;

namespace Timesheets.Identity.Pages.Admin.Applications;

/// <summary>A confirmed action on one application (<c>/admin/applications/{id}/…</c>): loaded through <see cref="ClientAdmin"/>, Cancel goes back to its page.</summary>
public abstract class ApplicationConfirmPageModel : ConfirmPageModel
{
    private protected ClientAdmin Admin => HttpContext.RequestServices.GetRequiredService<ClientAdmin>();

    protected sealed override async Task<bool> DescribeAsync(CancellationToken cancellationToken)
    {
        if ((await Admin.GetAsync(Id, cancellationToken)).Value is not { } client)
        {
            return false;
        }

        Back = $"/admin/applications/{Uri.EscapeDataString(Id)}";
        Describe(client);
        return true;
    }

    /// <summary>Fills the question, consequences and button for this application.</summary>
    private protected abstract void Describe(ClientResponse client);
}
