package org.imrap.bulletin.inbox;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * What a message in the mailbox is called in {@code journal/inbox.csv}: its Message-ID (or UID) and a
 * digest of its headers, since a reused Message-ID is another message. Each is worked out once a run.
 */
final class MessageIds {
    private static final String[] DIGESTED = {"From", "To", "Subject", "Date"};

    private final Map<Message, String> ids = new HashMap<>();

    String of(Folder folder, MimeMessage message) throws MessagingException {
        String cached = ids.get(message);
        if (cached != null) {
            return cached;
        }
        String base = message.getMessageID();
        if (base == null && folder instanceof UIDFolder uids) {
            base = "uid:" + uids.getUID(message);
        }
        String id = (base == null ? "n" : base) + ":" + digest(message);
        ids.put(message, id);
        return id;
    }

    private static String digest(MimeMessage message) throws MessagingException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String name : DIGESTED) {
                String[] values = message.getHeader(name);
                if (values != null) {
                    for (String value : values) {
                        sha.update((name + ":" + value + "\n").getBytes(StandardCharsets.UTF_8));
                    }
                }
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
