namespace Portal.Content;

public enum PublishState
{
    Draft = 0,
    Published = 1,
    PublishedWithDraft = 2,
}
