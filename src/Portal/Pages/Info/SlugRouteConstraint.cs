using System.Buffers;

namespace Portal.Pages.Info;

/// <summary>
/// {slug:portalslug}: letters, digits and '-' only (any case, as the regex constraint it replaces), so that /nl/sitemap.xml
/// and the like never reach a page lookup. Not the built-in <c>regex(…)</c> constraint: that one compiles its pattern to
/// IL (Reflection.Emit and three JIT-compiled methods) while the first request builds the route matcher, which is on
/// every cold start's way to its first page.
/// </summary>
public sealed class SlugRouteConstraint : IRouteConstraint
{
    public const string Name = "portalslug";

    private static readonly SearchValues<char> Allowed = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-");

    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection)
        => values.TryGetValue(routeKey, out var value) && value is string slug && slug.Length > 0 && !slug.AsSpan().ContainsAnyExcept(Allowed);
}
