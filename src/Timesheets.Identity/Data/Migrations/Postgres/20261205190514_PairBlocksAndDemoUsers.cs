using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Timesheets.Identity.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PairBlocksAndDemoUsers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "IsDemo",
                table: "AspNetUsers",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            // Demo users seeded before this column existed (the rule is in DemoUserMarking).
            migrationBuilder.Sql(Seeding.DemoUserMarking.Sql("TRUE"));

            migrationBuilder.CreateTable(
                name: "LoginBlocks",
                columns: table => new
                {
                    Key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Failures = table.Column<int>(type: "integer", nullable: false),
                    Blocks = table.Column<int>(type: "integer", nullable: false),
                    BlockedUntil = table.Column<long>(type: "bigint", nullable: false),
                    UpdatedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LoginBlocks", x => x.Key);
                });

            migrationBuilder.CreateIndex(
                name: "IX_LoginBlocks_UpdatedAt",
                table: "LoginBlocks",
                column: "UpdatedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LoginBlocks");

            migrationBuilder.DropColumn(
                name: "IsDemo",
                table: "AspNetUsers");
        }
    }
}
