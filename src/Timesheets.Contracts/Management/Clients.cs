using System.ComponentModel.DataAnnotations;

namespace Timesheets.Contracts;

/// <summary>The kinds of application (Auth0's <c>app_type</c>).</summary>
public static class AppTypes
{
    /// <summary>A phone or desktop app: public client, code + PKCE, custom-scheme or loopback redirects.</summary>
    public const string Native = "native";

    /// <summary>A single-page app in a browser: public client, code + PKCE, https (or loopback) redirects.</summary>
    public const string Spa = "spa";

    /// <summary>A machine client: confidential, client credentials with a secret.</summary>
    public const string NonInteractive = "non_interactive";

    public static readonly IReadOnlyList<string> All = [Native, Spa, NonInteractive];
}

/// <summary>An application (Auth0's client) as the Management API shows it.</summary>
public sealed record ClientResponse
{
    public required string ClientId { get; init; }

    public required string Name { get; init; }

    /// <summary>One of <see cref="AppTypes"/>.</summary>
    public required string AppType { get; init; }

    /// <summary>Redirect URIs, matched exactly (a loopback redirect of a native app on any port).</summary>
    public IReadOnlyList<string> Callbacks { get; init; } = [];

    public IReadOnlyList<string> AllowedLogoutUrls { get; init; } = [];

    /// <summary><c>authorization_code</c>, <c>refresh_token</c>, <c>client_credentials</c>, <c>urn:ietf:params:oauth:grant-type:device_code</c>.</summary>
    public IReadOnlyList<string> GrantTypes { get; init; } = [];

    /// <summary>One of the applications the server itself configures: read-only here, never deleted.</summary>
    public bool IsSystem { get; init; }

    /// <summary>Only in the answer to a create or a secret rotation of a machine client: it is not stored in clear and never shown again.</summary>
    public string? ClientSecret { get; init; }
}

/// <summary>Registers an application.</summary>
public sealed record ClientCreateRequest
{
    [Required]
    [StringLength(200, MinimumLength = 1)]
    public string? Name { get; init; }

    /// <summary>One of <see cref="AppTypes"/>.</summary>
    [Required]
    public string? AppType { get; init; }

    public IReadOnlyList<string>? Callbacks { get; init; }

    public IReadOnlyList<string>? AllowedLogoutUrls { get; init; }

    /// <summary>Omitted: the usual grants of the type (code and refresh for apps, client credentials for machines).</summary>
    public IReadOnlyList<string>? GrantTypes { get; init; }
}

/// <summary>Changes an application; a field left out (null) keeps its value.</summary>
public sealed record ClientUpdateRequest
{
    [StringLength(200, MinimumLength = 1)]
    public string? Name { get; init; }

    public IReadOnlyList<string>? Callbacks { get; init; }

    public IReadOnlyList<string>? AllowedLogoutUrls { get; init; }

    public IReadOnlyList<string>? GrantTypes { get; init; }
}

/// <summary>
/// What an application may ask of one API (Auth0's client grant): tokens for <see cref="Audience"/>
/// with at most these permissions. A machine client gets them all; a user's token gets those of the
/// user's roles among them.
/// </summary>
public sealed record ClientGrantResponse
{
    public required string Id { get; init; }

    public required string ClientId { get; init; }

    /// <summary>The API's identifier.</summary>
    public required string Audience { get; init; }

    public IReadOnlyList<string> Scope { get; init; } = [];
}

public sealed record ClientGrantCreateRequest
{
    [Required]
    [StringLength(100, MinimumLength = 1)]
    public string? ClientId { get; init; }

    [Required]
    [StringLength(300, MinimumLength = 1)]
    public string? Audience { get; init; }

    [Required]
    public IReadOnlyList<string>? Scope { get; init; }
}

public sealed record ClientGrantUpdateRequest
{
    [Required]
    public IReadOnlyList<string>? Scope { get; init; }
}
