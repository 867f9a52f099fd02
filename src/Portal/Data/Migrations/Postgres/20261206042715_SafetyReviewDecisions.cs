using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SafetyReviewDecisions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Comment",
                table: "SafetyApprovals",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Decision",
                table: "SafetyApprovals",
                type: "integer",
                nullable: false,
                defaultValue: 1); // every review recorded before this migration was an approval (SafetyDecision.Approved)
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Comment",
                table: "SafetyApprovals");

            migrationBuilder.DropColumn(
                name: "Decision",
                table: "SafetyApprovals");
        }
    }
}
