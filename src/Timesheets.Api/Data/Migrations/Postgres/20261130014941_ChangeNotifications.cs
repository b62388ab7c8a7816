using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Timesheets.Api.Data.Migrations.Postgres
{
    /// <summary>
    /// Triggers that tell every listening API instance what changed at each commit (see
    /// <c>Data/ChangeNotifications.cs</c>): one notification per owner whose changes-feed rows were
    /// written or handed to them, and one when projects changed. Statement-level, so an upload of
    /// 100,000 rows sends one per owner and statement, and PostgreSQL folds repeats within a transaction.
    /// </summary>
    public partial class ChangeNotifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION timesheets_notify_entry_owners() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_notify('timesheets_changes', 'entries:' || owner)
                    FROM (SELECT DISTINCT "OwnerSub" AS owner FROM changed_rows WHERE "OwnerSub" IS NOT NULL) AS owners;
                    RETURN NULL;
                END $$;

                -- A trigger with a transition table fires on one kind of statement only, hence two.
                CREATE TRIGGER "EntryChanges_notify_insert" AFTER INSERT ON "EntryChanges"
                    REFERENCING NEW TABLE AS changed_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION timesheets_notify_entry_owners();

                CREATE TRIGGER "EntryChanges_notify_update" AFTER UPDATE ON "EntryChanges"
                    REFERENCING NEW TABLE AS changed_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION timesheets_notify_entry_owners();

                CREATE FUNCTION timesheets_notify_projects() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_notify('timesheets_changes', 'projects');
                    RETURN NULL;
                END $$;

                CREATE TRIGGER "Projects_notify" AFTER INSERT OR UPDATE OR DELETE ON "Projects"
                    FOR EACH STATEMENT EXECUTE FUNCTION timesheets_notify_projects();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER "Projects_notify" ON "Projects";
                DROP FUNCTION timesheets_notify_projects();
                DROP TRIGGER "EntryChanges_notify_update" ON "EntryChanges";
                DROP TRIGGER "EntryChanges_notify_insert" ON "EntryChanges";
                DROP FUNCTION timesheets_notify_entry_owners();
                """);
        }
    }
}
