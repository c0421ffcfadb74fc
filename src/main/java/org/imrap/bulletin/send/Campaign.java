package org.imrap.bulletin.send;

import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Clock;
import org.imrap.bulletin.compose.MessageBuilders;
import org.imrap.bulletin.config.BulletinSettings;
import org.imrap.bulletin.config.Settings;
import org.imrap.bulletin.config.SmtpSettings;
import org.imrap.bulletin.config.Workspace;
import org.imrap.bulletin.journal.JournalFile;
import org.imrap.bulletin.mail.MessageBuilder;
import org.imrap.bulletin.news.MonthOfNews;
import org.imrap.bulletin.news.NewsFolder;
import org.imrap.bulletin.recipients.Audience;
import org.imrap.bulletin.recipients.Recipient;
import org.imrap.bulletin.recipients.RecipientsFolder;
import org.imrap.bulletin.render.BulletinRenderer;
import org.imrap.bulletin.render.RenderedMessage;
import org.imrap.bulletin.render.Templates;

/** Everything a send needs, read once from the workspace. */
record Campaign(String name, MonthOfNews news, BulletinSettings settings, SendSettings sending,
                SmtpSettings smtp, Audience audience, BulletinRenderer renderer, MessageBuilder builder,
                String contentHash, Path journalPath, Path sandboxDir, Settings file) {

    static Campaign prepare(SendRequest request, Clock clock) {
        Workspace workspace = request.workspace();
        Settings file = Settings.load(workspace.settingsFile());
        BulletinSettings settings = BulletinSettings.from(file);
        SmtpSettings smtp = SmtpSettings.resolve(file, request.env(), request.smtp());
        MonthOfNews news = new NewsFolder(workspace.newsDir()).select(request.month(), NewsFolder.Use.SEND);
        String name = request.campaign().orElse(news.month().toString());
        return new Campaign(name, news, settings, SendSettings.from(file, smtp), smtp,
                Audience.of(new RecipientsFolder(workspace.recipientsDir()), request.lists()),
                new BulletinRenderer(new Templates(workspace.templatesDir()), settings),
                MessageBuilders.forWorkspace(workspace, settings, request.attach(), clock),
                ContentHash.of(news, workspace.templatesDir(), workspace.messageFolders(), settings),
                JournalFile.of(workspace, smtp.isSandbox(), name),
                workspace.outDir().resolve("sandbox").resolve(name), file);
    }

    /** This person's message: rendered with the templates, then built. */
    MimeMessage messageFor(Recipient person) {
        return build(person, renderer.render(news, person));
    }

    MimeMessage build(Recipient person, RenderedMessage rendered) {
        return builder.build(rendered, person, name);
    }
}
