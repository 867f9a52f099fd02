namespace Portal.Localization;

/// <summary>{culture:portalculture}: only configured cultures match, so /xx/… falls through to the localized 404, never a 500.</summary>
public sealed class CultureRouteConstraint(PortalCultures cultures) : IRouteConstraint
{
    public const string Name = "portalculture";

    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection)
        => values.TryGetValue(routeKey, out var value) && cultures.IsSupported(value as string);
}
