using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ItemRenameAndRetire : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "RetiredAt",
                table: "ContentItems",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RetiredBy",
                table: "ContentItems",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RetiredReason",
                table: "ContentItems",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ContentOldSlugs",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ContentItemId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Culture = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Slug = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    MovedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    MovedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContentOldSlugs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ContentOldSlugs_ContentItems_ContentItemId",
                        column: x => x.ContentItemId,
                        principalTable: "ContentItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ContentOldSlugs_ContentItemId",
                table: "ContentOldSlugs",
                column: "ContentItemId");

            migrationBuilder.CreateIndex(
                name: "IX_ContentOldSlugs_Kind_Culture_Slug",
                table: "ContentOldSlugs",
                columns: new[] { "Kind", "Culture", "Slug" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ContentOldSlugs");

            migrationBuilder.DropColumn(
                name: "RetiredAt",
                table: "ContentItems");

            migrationBuilder.DropColumn(
                name: "RetiredBy",
                table: "ContentItems");

            migrationBuilder.DropColumn(
                name: "RetiredReason",
                table: "ContentItems");
        }
    }
}
