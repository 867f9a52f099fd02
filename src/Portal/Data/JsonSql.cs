namespace Portal.Data;

/// <summary>
/// A text property of a JSON column in the SQL of the context's provider (SQLite's json_extract, PostgreSQL's ->>), for
/// the few queries that need one fact from every text's fields: reading the fields whole would materialise every
/// revision's JSON (kilobytes each) to look at one short string.
/// </summary>
public static class JsonSql
{
    /// <param name="column">A column with its table alias, e.g. <c>r."Fields"</c>. Only constants go in, never a value.</param>
    public static string Text(PortalDbContext db, string column, string property)
        => db.IsPostgres ? $"({column}::json ->> '{property}')" : $"json_extract({column}, '$.{property}')";
}
