using Portal.Audit;
using Portal.Notices;

namespace Portal.Content.Editing;

public static class EditingExtensions
{
    public static IHostApplicationBuilder AddPortalEditing(this IHostApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddScoped<AuditLog>();
        s.AddScoped<EditingContext>();
        s.AddScoped<CreateItem.Handler>();
        s.AddScoped<SaveDraft.Handler>();
        s.AddScoped<Publish.Handler>();
        s.AddScoped<Unpublish.Handler>();
        s.AddScoped<Schedule.Handler>();
        s.AddScoped<ApproveSafety.Handler>();
        s.AddScoped<SendBackSafety.Handler>();
        s.AddScoped<MarkReviewed.Handler>();
        s.AddScoped<RestoreRevision.Handler>();
        s.AddScoped<Rename.Handler>();
        s.AddScoped<Retire.Handler>();
        s.AddScoped<RestoreRetired.Handler>();
        s.AddScoped<DeleteItem.Handler>();
        s.AddScoped<NoticeCommands>();
        s.AddSingleton<SiteNoticeState>();
        s.AddSingleton<ScheduledPublisher>();
        s.AddHostedService(sp => sp.GetRequiredService<ScheduledPublisher>());
        return builder;
    }
}
