using Timesheets.Identity.Management;
using Timesheets.Identity.Management.Clients;

namespace Timesheets.Identity.Pages.Admin.Applications;

/// <summary>A confirmed action on one application (<c>/admin/applications/{id}/…</c>), loaded through <see cref="ClientAdmin"/>.</summary>
public abstract class ApplicationConfirmPageModel : ConfirmPageModel<ClientResponse>
{
    protected override string BackTo => $"/admin/applications/{Uri.EscapeDataString(Id)}";

    private protected ClientAdmin Admin => HttpContext.RequestServices.GetRequiredService<ClientAdmin>();

    private protected override Task<AdminResult<ClientResponse>> FindAsync(CancellationToken cancellationToken) => Admin.GetAsync(Id, cancellationToken);
}
