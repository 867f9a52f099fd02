using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Portal.Tests.Support;

/// <summary>
/// Submits a real form from a parsed page, as a browser would: every field the page rendered (the antiforgery token
/// included), with the given values changed, to the submit button's own handler (formaction).
/// </summary>
public static class Forms
{
    public static async Task<HttpResponseMessage> SubmitAsync(this HttpClient client, IHtmlDocument page, string formSelector,
        string? buttonSelector = null, IReadOnlyDictionary<string, string?>? values = null)
    {
        var form = page.QuerySelector<IHtmlFormElement>(formSelector) ?? throw new InvalidOperationException($"no form {formSelector}");
        foreach (var (name, value) in values ?? new Dictionary<string, string?>())
        {
            var fields = form.Elements.Where(e => e.GetAttribute("name") == name).ToList();
            if (fields.Count == 0) throw new InvalidOperationException($"form {formSelector} has no field {name}");
            foreach (var field in fields)
            {
                switch (field)
                {
                    case IHtmlInputElement { Type: "radio" or "checkbox" } box:
                        box.IsChecked = box.Type == "checkbox" ? value == "true" : box.Value == value;
                        break;
                    case IHtmlInputElement input:
                        // AngleSharp rejects valid datetime-local values ("2026-12-01T14:00") as bad input and would refuse to
                        // submit; a browser accepts them, so post it as the plain text a browser would send.
                        if (input.Type == "datetime-local") input.Type = "text";
                        input.Value = value ?? "";
                        break;
                    case IHtmlTextAreaElement area: area.Value = value ?? ""; break;
                    case IHtmlSelectElement select: select.Value = value ?? ""; break;
                }
            }
        }
        // The server's answer to what a browser's own checks would stop (type=url, required) is what the tests look at.
        form.SetAttribute("novalidate", "");
        var button = buttonSelector is null ? null : page.QuerySelector<IHtmlElement>(buttonSelector) ?? throw new InvalidOperationException($"no button {buttonSelector}");
        var submission = button is null ? form.GetSubmission() : form.GetSubmission(button);
        var request = new HttpRequestMessage(new HttpMethod(submission!.Method.ToString().ToUpperInvariant()), submission.Target)
        {
            Content = new StreamContent(submission.Body),
        };
        foreach (var h in submission.Headers ?? new Dictionary<string, string>()) request.Content.Headers.TryAddWithoutValidation(h.Key, h.Value);
        return await client.SendAsync(request);
    }

    /// <summary>
    /// Adds a submit button for a handler the page does not offer (a control hidden from this role), as someone forging
    /// the request would post it; returns its selector for <see cref="SubmitAsync"/>.
    /// </summary>
    public static string ForgeButton(this IHtmlDocument page, string formSelector, string formAction)
    {
        var button = page.CreateElement("button");
        button.SetAttribute("type", "submit");
        button.SetAttribute("formaction", formAction);
        button.Id = $"forged-{page.QuerySelectorAll("button[id^=forged-]").Length}";
        page.QuerySelector(formSelector)!.AppendChild(button);
        return "#" + button.Id;
    }
}
