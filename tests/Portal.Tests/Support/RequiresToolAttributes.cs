namespace Portal.Tests.Support;

/// <summary>
/// Tests that need a real outside component: Debian's Chromium, the Nu Html Checker, swagger-parser, python3-vobject, and for the PostgreSQL pass a
/// server (PORTAL_TEST_PG, see TestDatabase). scripts/test.sh installs and starts them and sets PORTAL_FULL_SUITE=1, so
/// there a missing component FAILS the test; a bare `dotnet test` on a machine without them skips with the reason instead.
/// </summary>
public static class TestTools
{
    public static bool FullSuite => Environment.GetEnvironmentVariable("PORTAL_FULL_SUITE") == "1";
    public static string? PostgresConnection => Environment.GetEnvironmentVariable("PORTAL_TEST_PG");
    public static string ChromiumPath => Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";
    public static string VnuJar => Path.Combine(RepoPaths.Root, "tools", "node_modules", "vnu-jar", "build", "dist", "vnu.jar");
    public static string SwaggerParser => Path.Combine(RepoPaths.Root, "tools", "node_modules", "@apidevtools", "swagger-parser");

    /// <summary>Debian's python3, where python3-vobject is installed (a pyenv python3 earlier on PATH would not have it).</summary>
    public static string DebianPython => "/usr/bin/python3";

    public static bool OnPath(string program) => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
        .Any(dir => File.Exists(Path.Combine(dir, program)));

    internal static string? SkipUnless(bool present, string reason) => present || FullSuite ? null : reason + " (scripts/test.sh provides it)";
}

public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute() => Skip = TestTools.SkipUnless(File.Exists(TestTools.ChromiumPath), $"no Chromium at {TestTools.ChromiumPath}");
}

public sealed class BrowserTheoryAttribute : TheoryAttribute
{
    public BrowserTheoryAttribute() => Skip = TestTools.SkipUnless(File.Exists(TestTools.ChromiumPath), $"no Chromium at {TestTools.ChromiumPath}");
}

public sealed class VnuFactAttribute : FactAttribute
{
    public VnuFactAttribute() => Skip = TestTools.SkipUnless(File.Exists(TestTools.VnuJar), "the Nu Html Checker is not installed in tools/");
}

/// <summary>Node and the pinned swagger-parser of tools/ (npm ci), to validate the OpenAPI documents.</summary>
public sealed class OpenApiValidatorFactAttribute : FactAttribute
{
    public OpenApiValidatorFactAttribute() => Skip = TestTools.SkipUnless(TestTools.OnPath("node") && Directory.Exists(TestTools.SwaggerParser),
        "node or tools/node_modules/@apidevtools/swagger-parser is missing");
}

/// <summary>python3-vobject from Debian, a vCard parser nobody on the project wrote.</summary>
public sealed class VobjectFactAttribute : FactAttribute
{
    public VobjectFactAttribute() => Skip = TestTools.SkipUnless(File.Exists(TestTools.DebianPython) && Directory.Exists("/usr/lib/python3/dist-packages/vobject"),
        "python3-vobject is not installed (apt-get install python3-vobject)");
}

/// <summary>A test of what only PostgreSQL has: runs in the PostgreSQL pass (PORTAL_TEST_PROVIDER=PostgreSql), skipped elsewhere.</summary>
public sealed class PostgreSqlFactAttribute : FactAttribute
{
    public PostgreSqlFactAttribute()
    {
        if (TestDatabase.Provider != TestProvider.PostgreSql) Skip = "PostgreSQL only: runs in scripts/test.sh's PostgreSQL pass";
    }
}
