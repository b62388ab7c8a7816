namespace Timesheets.Identity.Management;

/// <summary>
/// What an administrative operation answers: its value, or why it was refused. The Management API
/// turns it into JSON or a problem (<see cref="ToHttp"/>); the admin pages show the same refusal
/// as a message next to the form. One service per area serves both, so they never disagree.
/// </summary>
internal sealed record AdminResult<T>
{
    public T? Value { get; private init; }

    public AdminError? Error { get; private init; }

    public bool Succeeded => Error is null;

    public static AdminResult<T> Success(T value) => new() { Value = value };

    public static implicit operator AdminResult<T>(AdminError error) => new() { Error = error };

    /// <summary>The value through <paramref name="ok"/>, or the refusal as problem+json.</summary>
    public IResult ToHttp(Func<T, IResult> ok) => Error is { } error ? error.ToHttp() : ok(Value!);
}

/// <summary>A refused administrative operation: an HTTP status, a sentence for a person, and field errors.</summary>
internal sealed record AdminError(int Status, string Detail, IDictionary<string, string[]>? Errors = null)
{
    public static AdminError NotFound(string what) => new(StatusCodes.Status404NotFound, $"No such {what}.");

    public static AdminError Conflict(string detail) => new(StatusCodes.Status409Conflict, detail);

    public static AdminError Invalid(string field, string message) =>
        new(StatusCodes.Status400BadRequest, message, new Dictionary<string, string[]> { [field] = [message] });

    public static AdminError Invalid(IDictionary<string, string[]> errors) =>
        new(StatusCodes.Status400BadRequest, "Some fields are not valid.", errors);

    public IResult ToHttp() => ManagementApi.Problem(Status, Detail, Errors);
}
