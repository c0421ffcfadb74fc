package org.imrap.bulletin.preview.live;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimePart;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * A message read back from its bytes, as a mail reader gets it: the subject, the text and HTML parts,
 * and the images the HTML names by Content-ID (RFC 2392). The live preview shows these, so what the
 * page shows is the message that is sent, not a second rendering of it.
 */
final class ReceivedMessage {
    /** An image carried in the message. */
    record Image(String contentType, byte[] bytes) {
    }

    private final String subject;
    private String text = "";
    private String html = "";
    private final Map<String, Image> images = new LinkedHashMap<>();

    ReceivedMessage(byte[] eml) throws MessagingException, IOException {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(eml));
        subject = Optional.ofNullable(message.getSubject()).orElse("");
        walk(message);
    }

    private void walk(Part part) throws MessagingException, IOException {
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                walk(multipart.getBodyPart(i));
            }
        } else if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            return;  // the files every message carries: the page offers the whole .eml for them
        } else if (part.isMimeType("text/plain") && text.isEmpty()) {
            text = (String) part.getContent();
        } else if (part.isMimeType("text/html") && html.isEmpty()) {
            html = (String) part.getContent();
        } else if (part instanceof MimePart mime && mime.getContentID() != null) {
            try (InputStream in = part.getInputStream()) {
                images.put(unbracketed(mime.getContentID()), new Image(mime.getContentType().split(";")[0].strip(),
                        in.readAllBytes()));
            }
        }
    }

    /** {@code <id@domain>} as a {@code cid:} URL names it (RFC 2392 §2). */
    private static String unbracketed(String contentId) {
        String id = contentId.strip();
        return id.startsWith("<") && id.endsWith(">") ? id.substring(1, id.length() - 1) : id;
    }

    String subject() {
        return subject;
    }

    String text() {
        return text;
    }

    String html() {
        return html;
    }

    Optional<Image> image(String contentId) {
        return Optional.ofNullable(images.get(contentId));
    }
}
