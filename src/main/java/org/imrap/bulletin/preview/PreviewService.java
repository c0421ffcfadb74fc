package org.imrap.bulletin.preview;

import org.imrap.bulletin.address.EmailAddress;
import static org.imrap.bulletin.Text.t;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.ExitCode;
import org.imrap.bulletin.compose.MessageBuilders;
import org.imrap.bulletin.config.BulletinSettings;
import org.imrap.bulletin.config.Workspace;
import org.imrap.bulletin.io.AtomicFile;
import org.imrap.bulletin.mail.MessageBuilder;
import org.imrap.bulletin.news.MonthOfNews;
import org.imrap.bulletin.news.NewsFolder;
import org.imrap.bulletin.recipients.Audience;
import org.imrap.bulletin.recipients.AudienceReport;
import org.imrap.bulletin.recipients.ListCount;
import org.imrap.bulletin.recipients.Recipient;
import org.imrap.bulletin.recipients.RecipientsFolder;
import org.imrap.bulletin.recipients.SuppressionList;
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

    /** Renders the bulletin and writes its three files to the request's folder. */
    public PreviewResult preview(PreviewRequest request) {
        RenderedPreview rendered = render(request);
        Path out = request.outDir();
        Path html = out.resolve(HTML_FILE);
        Path text = out.resolve(TEXT_FILE);
        Path eml = out.resolve(EML_FILE);
        AtomicFile.write(html, rendered.html().getBytes(StandardCharsets.UTF_8));
        AtomicFile.write(text, rendered.text().getBytes(StandardCharsets.UTF_8));
        AtomicFile.write(eml, rendered.eml());
        return new PreviewResult(rendered.month(), rendered.items(), rendered.recipient(), rendered.standIn(),
                rendered.audience(), html, text, eml, rendered.warnings(), rendered.newsNotices());
    }

    /**
     * Renders the bulletin for the request's person in memory, writing nothing (the request's folder is not
     * used): what {@link #preview} writes, and what the live preview serves.
     */
    public RenderedPreview render(PreviewRequest request) {
        Workspace workspace = request.workspace();
        BulletinSettings settings = BulletinSettings.load(workspace);
        MonthOfNews news = new NewsFolder(workspace.newsDir()).select(request.month(), NewsFolder.Use.PREVIEW);
        RecipientsFolder folder = new RecipientsFolder(workspace.recipientsDir());
        List<Recipient> found = new ArrayList<>(1);
        Optional<String> wanted = request.recipient().map(EmailAddress::canonical);
        AudienceReport audience = Audience.of(folder, request.lists()).read(person -> {
            if (found.isEmpty() && wanted.map(w -> w.equals(EmailAddress.canonical(person.email()))).orElse(true)) {
                found.add(person);
            }
        });
        boolean standIn = found.isEmpty() && wanted.isEmpty();
        if (found.isEmpty() && wanted.isPresent()) {
            throw notInAudience(request.recipient().get(), folder, audience);
        }
        Recipient recipient = standIn
                ? new Recipient(settings.sender().email(), settings.sender().name(), "preview", Map.of())
                : found.get(0);

        RenderedMessage rendered = new BulletinRenderer(new Templates(workspace.templatesDir()), settings)
                .render(news, recipient);
        MessageBuilder builder = MessageBuilders.forWorkspace(workspace, settings, request.attach(), clock);
        MimeMessage message = builder.build(rendered, recipient, news.month().toString());

        java.io.ByteArrayOutputStream eml = new java.io.ByteArrayOutputStream();
        try {
            message.writeTo(eml);
        } catch (MessagingException | java.io.IOException e) {
            throw new BulletinException(ExitCode.SOFTWARE, t("preview.cannotWrite", e.getMessage()), null, e);
        }
        List<String> warnings = new ArrayList<>(builder.warnings());
        long htmlBytes = builder.htmlBytes(rendered.html());
        if (htmlBytes > MessageBuilder.GMAIL_CLIPS) {
            warnings.add(t("plan.htmlClipped", MessageBuilder.kilobytes(htmlBytes)));
        }
        return new RenderedPreview(news.month(), news.items().size(), recipient, standIn, audience,
                builder.htmlForBrowser(rendered.html()), rendered.text(), eml.toByteArray(), warnings, news.notices());
    }

    private static BulletinException notInAudience(String email, RecipientsFolder folder, AudienceReport audience) {
        Optional<SuppressionList.Entry> suppressed = folder.suppression().load().find(email);
        if (suppressed.isPresent()) {
            return new BulletinException(ExitCode.NO_INPUT, t("preview.unsubscribed", email,
                    folder.suppression().path() + ":" + suppressed.get().line()), t("preview.unsubscribed.hint"));
        }
        String lists = String.join(", ", audience.lists().stream().map(ListCount::name).toList());
        return new BulletinException(ExitCode.NO_INPUT, lists.isEmpty() ? t("preview.onNoList", email) : t("preview.notOnLists", email, lists),
                t(audience.hasInvalidRows() ? "preview.notOn.hintInvalid" : "preview.notOn.hint"));
    }
}
