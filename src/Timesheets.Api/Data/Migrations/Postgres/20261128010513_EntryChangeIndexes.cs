using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Timesheets.Api.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class EntryChangeIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_EntryChanges_OwnerEmail",
                table: "EntryChanges");

            migrationBuilder.DropIndex(
                name: "IX_EntryChanges_OwnerSub_Id",
                table: "EntryChanges");

            migrationBuilder.CreateIndex(
                name: "IX_EntryChanges_OwnerEmail",
                table: "EntryChanges",
                column: "OwnerEmail",
                filter: "\"OwnerSub\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_EntryChanges_OwnerEmail",
                table: "EntryChanges");

            migrationBuilder.CreateIndex(
                name: "IX_EntryChanges_OwnerEmail",
                table: "EntryChanges",
                column: "OwnerEmail");

            migrationBuilder.CreateIndex(
                name: "IX_EntryChanges_OwnerSub_Id",
                table: "EntryChanges",
                columns: new[] { "OwnerSub", "Id" });
        }
    }
}
