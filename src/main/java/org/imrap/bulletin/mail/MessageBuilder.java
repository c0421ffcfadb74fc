package org.imrap.bulletin.mail;

import static org.imrap.bulletin.Text.t;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.imrap.bulletin.address.Addresses;
import org.imrap.bulletin.address.InvalidAddressException;
import org.imrap.bulletin.config.MessageSettings;
import org.imrap.bulletin.config.Sender;
import org.imrap.bulletin.io.ContainedFile;
import org.imrap.bulletin.mail.MessageException.Kind;
import org.imrap.bulletin.recipients.Recipient;
import org.imrap.bulletin.render.RenderedMessage;

/**
 * Builds the one MIME message that both preview and send use, from values: the rendered text, the person,
 * the sender and message settings, and {@link Attachments} loaded beforehand.
 *
 * <ul>
 * <li>Structure: multipart/alternative with the plain text first and the HTML last (RFC 2046 §5.1.4:
 *     the last part is the preferred one); the HTML in multipart/related with its images (RFC 2387)
 *     when it has some; all of it in multipart/mixed with the attachments when there are some.</li>
 * <li>Text in UTF-8, quoted-printable (RFC 2045 §6.7) so French stays readable in the raw message and
 *     no line exceeds 76 characters; or, for a server that offers 8BITMIME ({@link TextEncoding#EIGHT_BIT}),
 *     8-bit (RFC 6152) with BODY=8BITMIME, a third smaller, each part whose lines fit in 998 octets;
 *     display names and subject encoded per RFC 2047.</li>
 * <li>The HTML without the whitespace no reader sees (template indentation, blank lines: {@link HtmlWhitespace}).</li>
 * <li>Headers ({@link MessageHeaders}): Date, From, Reply-To, To, Subject, Message-ID on the sender's domain
 *     (RFC 5322 §3.6), List-Id (RFC 2919), List-Unsubscribe (RFC 2369) with List-Unsubscribe-Post (RFC 8058)
 *     for an https link, Precedence: bulk, Feedback-ID. Every value from data is checked for CR/LF first.</li>
 * </ul>
 *
 * <p>What cannot be built is a {@link MessageException}, whose kind gives the exit code.
 */
public final class MessageBuilder {
    private static final String UTF_8 = "UTF-8";
    /** Gmail shows about this much of a message's HTML part and hides the rest behind a link (images do not count). */
    public static final long GMAIL_CLIPS = 102 * 1024;

    private final Session session;
    private final Sender sender;
    private final MessageSettings settings;
    private final MessageHeaders headers;
    private final InlineImages images;
    private final Attachments attachments;
    private final Clock clock;
    private final EncodedLines plainLines = new EncodedLines();
    private final EncodedLines htmlLines = new EncodedLines();
    private final List<String> warnings = new ArrayList<>();
    private long imageBytes = -1;
    private volatile TextEncoding textEncoding = TextEncoding.QUOTED_PRINTABLE;

    /** How the text and HTML parts travel. */
    public enum TextEncoding {
        /** Quoted-printable: any server takes it. */
        QUOTED_PRINTABLE,
        /** 8-bit UTF-8 (RFC 6152), only for a server that offers 8BITMIME; a part with a longer line than 998 octets stays quoted-printable. */
        EIGHT_BIT
    }

    /**
     * @param imageDirs   where relative image paths are looked for; images must lie in them, links resolved
     * @param folders     where images written inside them may come from ({@link ContainedFile})
     * @param attachments the files every message carries
     */
    public MessageBuilder(Sender sender, MessageSettings settings, List<Path> imageDirs, List<Path> folders,
                          Attachments attachments, Clock clock) {
        Properties properties = new Properties();
        properties.setProperty("mail.from", sender.email());
        this.session = Session.getInstance(properties);
        this.sender = sender;
        this.settings = settings;
        this.headers = new MessageHeaders(sender, settings);
        this.images = new InlineImages(imageDirs, folders, sender.domain(), settings.imageMaxSide(), this::warn);
        this.attachments = attachments;
        this.clock = clock;
    }

    /** A builder for a message without settings beyond the sender: tests, and callers with none. */
    public MessageBuilder(Sender sender, Clock clock) {
        this(sender, MessageSettings.NONE, List.of(), List.of(), Attachments.NONE, clock);
    }

    /** The files every message carries, as named, with their sizes: the plan lists them. */
    public List<AttachedFile> attachments() {
        return attachments.files();
    }

    /** Warnings about the messages built so far (e.g. images above the budget), once each. */
    public synchronized List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** From now on, text and HTML parts are encoded so (a send chooses once it knows what the server offers). */
    public void textEncoding(TextEncoding encoding) {
        this.textEncoding = encoding;
    }

    /** A size as every message of bulletin gives it: in kilobytes (1,024 bytes), rounded, at least 1. */
    public static long kilobytes(long bytes) {
        return Math.max(1, (bytes + 512) / 1024);
    }

    /** The size of the HTML part as sent (its images named by Content-ID), in UTF-8 bytes before transfer encoding. */
    public long htmlBytes(String html) {
        return images.inline(HtmlWhitespace.trim(html)).html().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    private synchronized void warn(String warning) {
        if (!warnings.contains(warning)) {
            warnings.add(warning);
        }
    }

    /** The HTML part as sent, as a browser can show it from a file: local images point at their files. */
    public String htmlForBrowser(String html) {
        return images.withFileUrls(HtmlWhitespace.trim(html));
    }

    /**
     * The HTML part as a web page shows it: each local image a file beside the page, named by its content, instead
     * of a {@code cid:} part; the same images, found and checked as for a message.
     *
     * @return the page's HTML, and the image files to write beside it, by name
     */
    public WebPage forWeb(String html) {
        InlineImages.Beside beside = images.withFilesBeside(html);
        return new WebPage(beside.html(), beside.files());
    }

    /** A bulletin as a web page: its HTML, and its images by the file names the HTML uses. */
    public record WebPage(String html, java.util.Map<String, byte[]> images) {
        public WebPage {
            images = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(images));
        }
    }

    public MimeMessage build(RenderedMessage rendered, Recipient recipient) {
        return build(rendered, recipient, "");
    }

    /** The message for one person; {@code campaign} goes into Feedback-ID. */
    public MimeMessage build(RenderedMessage rendered, Recipient recipient, String campaign) {
        try {
            Addresses.requireSingleLine(rendered.subject(), "subject");
            Addresses.requireSingleLine(recipient.name(), "name");
            Addresses.requireSingleLine(recipient.email(), "address");
            DomainMessage message = new DomainMessage(session, sender.domain());
            message.setHeader("From", headers.from());
            if (headers.replyTo() != null) {
                message.setHeader("Reply-To", headers.replyTo());
            }
            message.setRecipient(MimeMessage.RecipientType.TO, MessageHeaders.address(recipient.email(), recipient.name()));
            message.setHeader("Subject", headers.subject(rendered.subject()));
            message.setHeader("Date", headers.date(clock.instant()));
            headers.setListHeaders(message, recipient.email(), campaign);
            MimeMultipart body = body(rendered);
            message.setContent(body);
            if (hasEightBitPart(body)) {
                // RFC 6152 §3: the envelope says the content is 8-bit.
                message.setMailExtension("BODY=8BITMIME");
            }
            message.saveChanges();
            return message;
        } catch (InvalidAddressException e) {
            throw new MessageException(Kind.BAD_DATA, t("message.cannotAddress", recipient.email(),
                    e.getMessage()), t("message.cannotAddress.hint"));
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new MessageException(Kind.INTERNAL, t("message.cannotBuild", recipient.email(), e.getMessage()), null, e);
        }
    }

    /** A plain-text message to staff (the run report): from the sender, marked as machine-made (RFC 3834). */
    public MimeMessage buildReport(String subject, String text, String to) {
        try {
            Addresses.requireSingleLine(subject, "subject");
            MimeMessage message = new DomainMessage(session, sender.domain());
            message.setFrom(MessageHeaders.address(sender.email(), sender.name()));
            message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(Addresses.parse(to).getAddress()));
            message.setSubject(subject, UTF_8);
            message.setSentDate(Date.from(clock.instant()));
            message.setHeader("Auto-Submitted", "auto-generated");
            message.setText(text, UTF_8, "plain");
            message.setHeader("Content-Transfer-Encoding", "quoted-printable");
            message.saveChanges();
            return message;
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new MessageException(Kind.INTERNAL, t("report.cannotBuild", e.getMessage()), null, e);
        }
    }

    private MimeMultipart body(RenderedMessage rendered) throws MessagingException {
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(textPart(rendered.text(), "plain"));
        InlineImages.Inlined inlined = images.inline(HtmlWhitespace.trim(rendered.html()));
        checkImageBudget(inlined);
        if (inlined.images().isEmpty()) {
            alternative.addBodyPart(textPart(inlined.html(), "html"));
        } else {
            MimeMultipart related = new MimeMultipart("related");
            related.addBodyPart(textPart(inlined.html(), "html"));
            for (InlineImages.Image image : inlined.images()) {
                related.addBodyPart(image.part());
            }
            alternative.addBodyPart(wrap(related));
        }
        if (attachments.isEmpty()) {
            return alternative;
        }
        MimeMultipart mixed = new MimeMultipart("mixed");
        mixed.addBodyPart(wrap(alternative));
        for (MimeBodyPart attachment : attachments.parts()) {
            mixed.addBodyPart(attachment);
        }
        return mixed;
    }

    private synchronized void checkImageBudget(InlineImages.Inlined inlined) {
        if (imageBytes < 0) {
            imageBytes = inlined.bytes();
            if (imageBytes > settings.imageBudget()) {
                warnings.add(t("message.imageBudget", kilobytes(imageBytes), settings.imageBudget() / 1024));
            }
        }
    }

    private static MimeBodyPart wrap(MimeMultipart multipart) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setContent(multipart);
        return part;
    }

    /**
     * Text in UTF-8: 8-bit when chosen and every line fits; otherwise quoted-printable, encoded through
     * {@link EncodedLines}, which knows most lines already.
     */
    private MimeBodyPart textPart(String content, String subtype) throws MessagingException {
        String contentType = "text/" + subtype + "; charset=" + UTF_8;
        if (textEncoding == TextEncoding.EIGHT_BIT) {
            byte[] eightBit = EightBitText.encode(content);
            if (eightBit != null) {
                return PreencodedParts.part(eightBit, contentType, PreencodedParts.EIGHT_BIT);
            }
        }
        EncodedLines lines = subtype.equals("html") ? htmlLines : plainLines;
        return PreencodedParts.part(lines.encode(content), contentType, PreencodedParts.QUOTED_PRINTABLE);
    }

    private static boolean hasEightBitPart(MimeMultipart multipart) throws MessagingException {
        for (int i = 0; i < multipart.getCount(); i++) {
            MimeBodyPart part = (MimeBodyPart) multipart.getBodyPart(i);
            if (PreencodedParts.EIGHT_BIT.equals(part.getEncoding())) {
                return true;
            }
            // Only a multipart's content is looked into: a text part's would be decoded for nothing.
            if (part.isMimeType("multipart/*")) {
                try {
                    if (part.getContent() instanceof MimeMultipart inner && hasEightBitPart(inner)) {
                        return true;
                    }
                } catch (IOException e) {
                    throw new MessagingException(e.getMessage(), e);
                }
            }
        }
        return false;
    }

    /** A MimeMessage whose Message-ID names the sender's domain instead of the local host. */
    private static final class DomainMessage extends org.eclipse.angus.mail.smtp.SMTPMessage {
        private final String domain;

        DomainMessage(Session session, String domain) {
            super(session);
            this.domain = domain;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", "<" + UUID.randomUUID() + "@" + domain + ">");
        }
    }
}
