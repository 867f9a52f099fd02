using Portal.Content.Editing;
using Portal.Infrastructure;

namespace Portal.Pages.Editor;

/// <summary>The HTTP status a workspace page answers with when it shows a refused command's form again.</summary>
public static class EditAnswers
{
    public static int FormStatus(this EditResult result) => result.Outcome switch
    {
        EditOutcome.Conflict => StatusCodes.Status409Conflict,
        EditOutcome.Forbidden => StatusCodes.Status403Forbidden,
        EditOutcome.NotFound => StatusCodes.Status404NotFound,
        EditOutcome.AwaitingApproval => StatusCodes.Status202Accepted,
        EditOutcome.Unavailable => StatusCodes.Status503ServiceUnavailable, // the form comes back with the text typed
        _ => StatusCodes.Status400BadRequest,
    };

    /// <summary>The form's status; a 503 also says when to try again.</summary>
    public static void SetFormStatus(this HttpResponse response, EditResult result)
    {
        response.StatusCode = result.FormStatus();
        if (response.StatusCode == StatusCodes.Status503ServiceUnavailable) ServerErrors.RetryLater(response);
    }
}
