namespace Portal.Content.Import;

public sealed class ContentImportException(IReadOnlyList<ContentProblem> problems)
    : Exception("The content could not be imported:\n" + string.Join('\n', problems))
{
    public IReadOnlyList<ContentProblem> Problems { get; } = problems;
}
