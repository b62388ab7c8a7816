using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Timesheets.Api.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ChangeXid : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "Xid",
                table: "EntryChanges",
                type: "bigint",
                nullable: true,
                defaultValueSql: "(pg_current_xact_id()::text::bigint)");

            migrationBuilder.CreateIndex(
                name: "IX_EntryChanges_OwnerSub_Xid_Id",
                table: "EntryChanges",
                columns: new[] { "OwnerSub", "Xid", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_EntryChanges_OwnerSub_Xid_Id",
                table: "EntryChanges");

            migrationBuilder.DropColumn(
                name: "Xid",
                table: "EntryChanges");
        }
    }
}
