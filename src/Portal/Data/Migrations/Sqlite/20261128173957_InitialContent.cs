using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InitialContent : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ContentItems",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CountryCode = table.Column<string>(type: "TEXT", maxLength: 2, nullable: true),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContentItems", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ContentPublications",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TranslationId = table.Column<int>(type: "INTEGER", nullable: false),
                    RevisionId = table.Column<int>(type: "INTEGER", nullable: true),
                    Action = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContentPublications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ContentRevisions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TranslationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    BodyMarkdown = table.Column<string>(type: "TEXT", nullable: false),
                    BodyHtml = table.Column<string>(type: "TEXT", nullable: false),
                    Outline = table.Column<string>(type: "TEXT", nullable: false),
                    Fields = table.Column<string>(type: "TEXT", nullable: true),
                    IsMajor = table.Column<bool>(type: "INTEGER", nullable: false),
                    ChangeNote = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    UpdatedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ReviewedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    SourceRevisionId = table.Column<int>(type: "INTEGER", nullable: true),
                    HumanReviewed = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContentRevisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ContentRevisions_ContentRevisions_SourceRevisionId",
                        column: x => x.SourceRevisionId,
                        principalTable: "ContentRevisions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ContentTranslations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ContentItemId = table.Column<int>(type: "INTEGER", nullable: false),
                    Culture = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Slug = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    DraftRevisionId = table.Column<int>(type: "INTEGER", nullable: true),
                    PublishedRevisionId = table.Column<int>(type: "INTEGER", nullable: true),
                    PublishedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContentTranslations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ContentTranslations_ContentItems_ContentItemId",
                        column: x => x.ContentItemId,
                        principalTable: "ContentItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ContentTranslations_ContentRevisions_DraftRevisionId",
                        column: x => x.DraftRevisionId,
                        principalTable: "ContentRevisions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ContentTranslations_ContentRevisions_PublishedRevisionId",
                        column: x => x.PublishedRevisionId,
                        principalTable: "ContentRevisions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ContentItems_CountryCode",
                table: "ContentItems",
                column: "CountryCode");

            migrationBuilder.CreateIndex(
                name: "IX_ContentItems_Kind_Key",
                table: "ContentItems",
                columns: new[] { "Kind", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ContentPublications_At",
                table: "ContentPublications",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_ContentPublications_RevisionId",
                table: "ContentPublications",
                column: "RevisionId");

            migrationBuilder.CreateIndex(
                name: "IX_ContentPublications_TranslationId",
                table: "ContentPublications",
                column: "TranslationId");

            migrationBuilder.CreateIndex(
                name: "IX_ContentRevisions_SourceRevisionId",
                table: "ContentRevisions",
                column: "SourceRevisionId");

            migrationBuilder.CreateIndex(
                name: "IX_ContentRevisions_TranslationId_Number",
                table: "ContentRevisions",
                columns: new[] { "TranslationId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ContentTranslations_ContentItemId_Culture",
                table: "ContentTranslations",
                columns: new[] { "ContentItemId", "Culture" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ContentTranslations_DraftRevisionId",
                table: "ContentTranslations",
                column: "DraftRevisionId");

            migrationBuilder.CreateIndex(
                name: "IX_ContentTranslations_Kind_Culture_Slug",
                table: "ContentTranslations",
                columns: new[] { "Kind", "Culture", "Slug" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ContentTranslations_PublishedRevisionId",
                table: "ContentTranslations",
                column: "PublishedRevisionId");

            migrationBuilder.AddForeignKey(
                name: "FK_ContentPublications_ContentRevisions_RevisionId",
                table: "ContentPublications",
                column: "RevisionId",
                principalTable: "ContentRevisions",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_ContentPublications_ContentTranslations_TranslationId",
                table: "ContentPublications",
                column: "TranslationId",
                principalTable: "ContentTranslations",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_ContentRevisions_ContentTranslations_TranslationId",
                table: "ContentRevisions",
                column: "TranslationId",
                principalTable: "ContentTranslations",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_ContentTranslations_ContentRevisions_DraftRevisionId",
                table: "ContentTranslations");

            migrationBuilder.DropForeignKey(
                name: "FK_ContentTranslations_ContentRevisions_PublishedRevisionId",
                table: "ContentTranslations");

            migrationBuilder.DropTable(
                name: "ContentPublications");

            migrationBuilder.DropTable(
                name: "ContentRevisions");

            migrationBuilder.DropTable(
                name: "ContentTranslations");

            migrationBuilder.DropTable(
                name: "ContentItems");
        }
    }
}
