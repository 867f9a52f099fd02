using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Localization;
using Portal.Infrastructure;

namespace Portal.Localization;

/// <summary>
/// UI strings from locales/{culture}.json (flat "key": "text" objects) and the editor workspace's own strings from
/// locales/editor/{culture}.json (Dutch and English only), read once at start-up and merged per culture.
/// A missing string falls back to the parent culture; failing that the key comes back with ResourceNotFound = true
/// (a test checks every key of the source file exists in every other file, so readers never see one).
/// </summary>
public sealed class JsonStringLocalizerFactory : IStringLocalizerFactory
{
    private readonly FrozenDictionary<string, FrozenDictionary<string, string>> _strings;

    public JsonStringLocalizerFactory(LocalesFolder folder)
    {
        var all = new Dictionary<string, Dictionary<string, string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var dir in new[] { folder.Path, System.IO.Path.Combine(folder.Path, "editor") }.Where(Directory.Exists))
        {
            foreach (var file in Directory.EnumerateFiles(dir, "*.json"))
            {
                // JsonDocument rather than the serializer: this runs on every start's main thread, and the serializer's
                // first use (reflection metadata for the dictionary) showed in the cold-start profile.
                using var stream = File.OpenRead(file);
                using var json = JsonDocument.Parse(stream);
                if (json.RootElement.ValueKind != JsonValueKind.Object) throw NotFlat(file);
                var culture = System.IO.Path.GetFileNameWithoutExtension(file);
                if (!all.TryGetValue(culture, out var merged)) all[culture] = merged = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var entry in json.RootElement.EnumerateObject())
                    merged[entry.Name] = entry.Value.ValueKind == JsonValueKind.String ? entry.Value.GetString()! : throw NotFlat(file);
            }
        }
        _strings = all.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.ToFrozenDictionary(StringComparer.Ordinal), StringComparer.OrdinalIgnoreCase);
    }

    private static InvalidDataException NotFlat(string file) => new($"{file}: expected a flat JSON object of strings");

    public IReadOnlyDictionary<string, FrozenDictionary<string, string>> Strings => _strings;

    public IStringLocalizer Create(Type resourceSource) => new JsonStringLocalizer(this);

    public IStringLocalizer Create(string baseName, string location) => new JsonStringLocalizer(this);

    /// <summary>Strings in one culture whatever the request's (the management API answers in English).</summary>
    public IStringLocalizer In(string culture) => new JsonStringLocalizer(this, CultureInfo.GetCultureInfo(culture));

    internal string? Find(string key, CultureInfo culture)
    {
        for (var c = culture; !string.IsNullOrEmpty(c.Name); c = c.Parent)
            if (_strings.TryGetValue(c.Name, out var map) && map.TryGetValue(key, out var value))
                return value;
        return null;
    }
}

public sealed class JsonStringLocalizer(JsonStringLocalizerFactory factory, CultureInfo? culture = null) : IStringLocalizer
{
    private CultureInfo Culture => culture ?? CultureInfo.CurrentUICulture;

    public LocalizedString this[string name]
    {
        get
        {
            var value = factory.Find(name, Culture);
            return new LocalizedString(name, value ?? name, resourceNotFound: value is null);
        }
    }

    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var s = this[name];
            return new LocalizedString(name, string.Format(culture ?? CultureInfo.CurrentCulture, s.Value, arguments), s.ResourceNotFound);
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures)
    {
        return factory.Strings.TryGetValue(Culture.Name, out var map)
            ? map.Select(kv => new LocalizedString(kv.Key, kv.Value))
            : [];
    }
}

/// <summary>Folder of the UI string files: Portal:LocalesPath, else the repository's locales/ (or the one beside the app).</summary>
public sealed record LocalesFolder(string Path)
{
    public static LocalesFolder Of(IHostApplicationBuilder builder)
        => new(RepositoryFolder.Resolve(builder.Configuration["Portal:LocalesPath"], "locales", builder.Environment.ContentRootPath));
}
