namespace Timesheets.Identity.Seeding;

/// <summary>
/// Marks, in a database seeded before <c>IsDemo</c> existed, the accounts demo seeding created:
/// one of the four demo emails AND still the display name seeding gave it. A real person who owns
/// such an email was created (or renamed) by an admin with their own name and stays unmarked, so
/// turning demo off never deletes them.
/// </summary>
internal static class DemoUserMarking
{
    public static string Sql(string trueLiteral) =>
        $"""UPDATE "AspNetUsers" SET "IsDemo" = {trueLiteral} WHERE """ +
        string.Join(" OR ", Seeder.DemoUsers.Select(d =>
            $"""("NormalizedEmail" = '{d.Email.ToUpperInvariant()}' AND "DisplayName" = '{d.Name}')"""));
}
