package org.imrap.bulletin.preview;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.ExitCode;
import org.imrap.bulletin.config.BulletinSettings;
import org.imrap.bulletin.config.Workspace;
import org.imrap.bulletin.io.AtomicFile;
import org.imrap.bulletin.mail.MessageBuilder;
import org.imrap.bulletin.news.MonthOfNews;
import org.imrap.bulletin.news.NewsFolder;
import org.imrap.bulletin.recipients.Recipient;
import org.imrap.bulletin.render.BulletinRenderer;
import org.imrap.bulletin.render.RenderedMessage;
import org.imrap.bulletin.render.Templates;

/** Renders a month's bulletin for one person and writes it where a browser and a mail reader can open it. */
public final class PreviewService {
    public static final String HTML_FILE = "bulletin.html";
    public static final String TEXT_FILE = "bulletin.txt";
    public static final String EML_FILE = "bulletin.eml";

    private final Clock clock;

    public PreviewService(Clock clock) {
        this.clock = clock;
    }

    public PreviewResult preview(PreviewRequest request) {
        Workspace workspace = request.workspace();
        BulletinSettings settings = BulletinSettings.load(workspace);
        MonthOfNews news = new NewsFolder(workspace.newsDir()).select(request.month());
        Recipient recipient = new Recipient(settings.sender().email(), settings.sender().name(), "preview", Map.of());

        RenderedMessage rendered = new BulletinRenderer(new Templates(workspace.templatesDir()), settings)
                .render(news, recipient);
        MimeMessage message = new MessageBuilder(settings.sender(), clock).build(rendered, recipient);

        Path out = request.outDir();
        Path html = out.resolve(HTML_FILE);
        Path text = out.resolve(TEXT_FILE);
        Path eml = out.resolve(EML_FILE);
        AtomicFile.write(html, rendered.html().getBytes(StandardCharsets.UTF_8));
        AtomicFile.write(text, rendered.text().getBytes(StandardCharsets.UTF_8));
        AtomicFile.write(eml, stream -> {
            try {
                message.writeTo(stream);
            } catch (MessagingException e) {
                throw new BulletinException(ExitCode.SOFTWARE, "cannot write the message: " + e.getMessage(), null, e);
            }
        });
        return new PreviewResult(news.month(), news.items().size(), recipient, html, text, eml);
    }
}
