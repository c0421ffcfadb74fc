package org.imrap.bulletin.inbox;

import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reading the parts of a message from the mailbox, which may be malformed or hostile, without failing on it. */
final class MessageParts {
    private MessageParts() {
    }

    /**
     * Parts nested deeper than this are not read: a report is a few levels deep, and each level of a
     * multipart is parsed by scanning all it holds (2,600 levels in 150 KB took 5 s).
     */
    private static final int MAX_DEPTH = 20;

    /** Every part of a message, depth first, returned messages included, down to {@value #MAX_DEPTH} levels. */
    static List<Part> all(Part message) throws MessagingException, IOException {
        List<Part> parts = new ArrayList<>();
        collect(message, parts, 0);
        return parts;
    }

    private static void collect(Part part, List<Part> parts, int depth) throws MessagingException, IOException {
        parts.add(part);
        if (depth >= MAX_DEPTH) {
            return;
        }
        Object content;
        try {
            content = part.getContent();
        } catch (IOException | MessagingException | NullPointerException e) {
            // NullPointerException: Angus's text handler, for a charset parameter it cannot parse.
            return;
        }
        if (content instanceof Multipart multipart) {
            int count;
            try {
                count = multipart.getCount();
            } catch (MessagingException e) {
                return;
            }
            for (int i = 0; i < count; i++) {
                BodyPart child = multipart.getBodyPart(i);
                collect(child, parts, depth + 1);
            }
        } else if (content instanceof Message returned) {
            collect(returned, parts, depth + 1);
        }
    }

    /** A text part's text, however its charset is spelt (a message part: its source). */
    static String text(Part part) throws MessagingException, IOException {
        Object content;
        try {
            content = part.getContent();
        } catch (java.io.UnsupportedEncodingException | NullPointerException e) {
            // An unknown charset, or one Angus's text handler cannot parse (it then throws
            // NullPointerException): read the bytes as Latin-1, enough to find addresses and codes.
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            try (InputStream in = part.getInputStream()) {
                in.transferTo(raw);
            }
            return raw.toString(StandardCharsets.ISO_8859_1);
        }
        if (content instanceof String text) {
            return text;
        }
        if (content instanceof InputStream in) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            in.transferTo(bytes);
            return bytes.toString(StandardCharsets.UTF_8);
        }
        if (content instanceof MimeMessage returned) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            returned.writeTo(bytes);
            return bytes.toString(StandardCharsets.UTF_8);
        }
        return "";
    }
}
