using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Timesheets.Identity.Data.Migrations.Sqlite
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
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            // Demo users seeded before this column existed (the rule is in DemoUserMarking).
            migrationBuilder.Sql(Seeding.DemoUserMarking.Sql("1"));

            migrationBuilder.CreateTable(
                name: "LoginBlocks",
                columns: table => new
                {
                    Key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Failures = table.Column<int>(type: "INTEGER", nullable: false),
                    Blocks = table.Column<int>(type: "INTEGER", nullable: false),
                    BlockedUntil = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
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
