using System.ComponentModel.DataAnnotations;

namespace Timesheets.Contracts;

/// <summary>An API tokens are issued for (Auth0's resource server).</summary>
public sealed record ResourceServerResponse
{
    public required string Id { get; init; }

    /// <summary>The audience: the <c>aud</c> of its access tokens; never changes.</summary>
    public required string Identifier { get; init; }

    public required string Name { get; init; }

    /// <summary>Lifetime of its access tokens, in seconds.</summary>
    public int TokenLifetime { get; init; }

    /// <summary>Whether refresh tokens are issued with its tokens (<c>offline_access</c>).</summary>
    public bool AllowOfflineAccess { get; init; }

    /// <summary>Its permissions: the scopes a token for it can carry.</summary>
    public IReadOnlyList<ResourceServerScope> Scopes { get; init; } = [];

    /// <summary>The Timesheets API or the Management API: never deleted, identifier and permissions fixed.</summary>
    public bool IsSystem { get; init; }
}

/// <summary>A permission of an API.</summary>
public sealed record ResourceServerScope
{
    [Required]
    [StringLength(100, MinimumLength = 1)]
    public string? Value { get; init; }

    [StringLength(500)]
    public string? Description { get; init; }
}

public sealed record ResourceServerCreateRequest
{
    /// <summary>An absolute URI, e.g. <c>https://api.exampleco.com/invoices</c>.</summary>
    [Required]
    [StringLength(300, MinimumLength = 1)]
    public string? Identifier { get; init; }

    [Required]
    [StringLength(200, MinimumLength = 1)]
    public string? Name { get; init; }

    /// <summary>Seconds; omitted: the server's access token lifetime.</summary>
    public int? TokenLifetime { get; init; }

    /// <summary>Omitted: false (no refresh tokens), as Auth0's default.</summary>
    public bool? AllowOfflineAccess { get; init; }

    public IReadOnlyList<ResourceServerScope>? Scopes { get; init; }
}

/// <summary>Changes an API; a field left out (null) keeps its value. <see cref="Scopes"/> replaces the whole list.</summary>
public sealed record ResourceServerUpdateRequest
{
    /// <summary>Accepted only when unchanged: an identifier is the audience of tokens already issued.</summary>
    [StringLength(300)]
    public string? Identifier { get; init; }

    [StringLength(200, MinimumLength = 1)]
    public string? Name { get; init; }

    public int? TokenLifetime { get; init; }

    public bool? AllowOfflineAccess { get; init; }

    public IReadOnlyList<ResourceServerScope>? Scopes { get; init; }
}
