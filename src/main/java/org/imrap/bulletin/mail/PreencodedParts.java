package org.imrap.bulletin.mail;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.PreencodedMimeBodyPart;
import jakarta.mail.util.ByteArrayDataSource;
import java.util.Base64;

/**
 * Makes body parts whose content is given already in its transfer encoding (RFC 2045 §6), as Jakarta
 * Mail's {@link PreencodedMimeBodyPart}: a message is then written by copying bytes, and what is the same
 * in every message (images, attachments) is encoded once for all.
 */
final class PreencodedParts {
    static final String BASE64 = "base64";
    static final String QUOTED_PRINTABLE = "quoted-printable";
    static final String EIGHT_BIT = "8bit";
    private static final Base64.Encoder MIME_BASE64 = Base64.getMimeEncoder(76, new byte[] {'\r', '\n'});

    private PreencodedParts() {
    }

    /** Base64 in lines of 76 characters ending in CRLF (RFC 2045 §6.8). */
    static byte[] base64(byte[] bytes) {
        return MIME_BASE64.encode(bytes);
    }

    /** A part of {@code contentType} whose content is {@code encoded}, already in {@code encoding}. */
    static MimeBodyPart part(byte[] encoded, String contentType, String encoding) throws MessagingException {
        MimeBodyPart part = new PreencodedMimeBodyPart(encoding);
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(encoded, contentType)));
        // Set now, so that saving the message does not read the content to choose an encoding.
        part.setHeader("Content-Transfer-Encoding", encoding);
        return part;
    }
}
