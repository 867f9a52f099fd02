using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Portal.Data.Migrations.Postgres
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CountryCode = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true),
                    SortOrder = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContentItems", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ContentPublications",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TranslationId = table.Column<int>(type: "integer", nullable: false),
                    RevisionId = table.Column<int>(type: "integer", nullable: true),
                    Action = table.Column<int>(type: "integer", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    By = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContentPublications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ContentRevisions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TranslationId = table.Column<int>(type: "integer", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Summary = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    BodyMarkdown = table.Column<string>(type: "text", nullable: false),
                    BodyHtml = table.Column<string>(type: "text", nullable: false),
                    Outline = table.Column<string>(type: "text", nullable: false),
                    Fields = table.Column<string>(type: "text", nullable: true),
                    IsMajor = table.Column<bool>(type: "boolean", nullable: false),
                    ChangeNote = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    UpdatedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ReviewedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    SourceRevisionId = table.Column<int>(type: "integer", nullable: true),
                    HumanReviewed = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ContentItemId = table.Column<int>(type: "integer", nullable: false),
                    Culture = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Slug = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    DraftRevisionId = table.Column<int>(type: "integer", nullable: true),
                    PublishedRevisionId = table.Column<int>(type: "integer", nullable: true),
                    PublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
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
