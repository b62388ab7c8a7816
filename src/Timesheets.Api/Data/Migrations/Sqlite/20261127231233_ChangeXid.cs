using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Timesheets.Api.Data.Migrations.Sqlite
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
                type: "INTEGER",
                nullable: true);

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
