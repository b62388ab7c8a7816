namespace Timesheets.Api.Features.People;

/// <summary>A user of the issuer as the upload and approval checks need them: who, and whether they are blocked.</summary>
internal sealed record Person(string UserId, string Email, bool Blocked);

/// <summary>
/// The issuer's Management API could not answer (down, too slow, refused the API's own client): nothing
/// that depends on the answer may go ahead unverified, so the request is answered 503 with <c>Retry-After</c>.
/// </summary>
internal sealed class PeopleUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
