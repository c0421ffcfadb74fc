package org.imrap.bulletin.mail;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MailDateFormat;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.imrap.bulletin.address.Addresses;
import org.imrap.bulletin.config.MessageSettings;
import org.imrap.bulletin.config.Sender;

/**
 * The header values of the messages one {@link MessageBuilder} makes, each written as Jakarta Mail's own
 * setters write it (RFC 2047 for words beyond ASCII, folded under 78 columns) and made again only when what
 * it is made from changes: From, Reply-To and List-Id once, the Subject once per text, the Date once a second.
 */
final class MessageHeaders {
    private static final String UTF_8 = "UTF-8";

    private final MessageSettings settings;
    private final String from;
    private final String replyTo;
    private final MailDateFormat dateFormat = new MailDateFormat();
    private volatile LastHeader lastSubject = new LastHeader(null, null);
    private volatile LastHeader lastDate = new LastHeader(null, null);
    /** The List-Id header, the same in every message: made on first use. */
    private volatile String listId;
    private volatile LastHeader lastFeedbackId = new LastHeader(null, null);

    /** The last value made of one header, and what it was made from: a next message with the same source reuses it. */
    private record LastHeader(Object source, String value) {
    }

    MessageHeaders(Sender sender, MessageSettings settings) {
        this.settings = settings;
        try {
            this.from = addressHeader("From", sender);
            this.replyTo = settings.replyTo().isPresent() ? addressHeader("Reply-To", settings.replyTo().get()) : null;
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("every Java has UTF-8", e);
        }
    }

    /** An address with its display name, RFC 2047 encoded beyond ASCII; a blank name is left out. */
    static InternetAddress address(String email, String name) throws UnsupportedEncodingException {
        return new InternetAddress(email, name == null || name.isBlank() ? null : name, UTF_8);
    }

    /** The header as {@link MimeMessage#setFrom} writes it (RFC 2047 for a name beyond ASCII). */
    private static String addressHeader(String name, Sender who) throws UnsupportedEncodingException {
        return InternetAddress.toString(new Address[] {address(who.email(), who.name())}, name.length() + 2);
    }

    String from() {
        return from;
    }

    /** The Reply-To header, or null when the settings name no one. */
    String replyTo() {
        return replyTo;
    }

    /** The Subject header as {@link MimeMessage#setSubject(String, String)} writes it. */
    String subject(String subject) throws UnsupportedEncodingException {
        LastHeader last = lastSubject;
        if (!subject.equals(last.source())) {
            last = new LastHeader(subject, MimeUtility.fold(9, MimeUtility.encodeText(subject, UTF_8, null)));
            lastSubject = last;
        }
        return last.value();
    }

    /** The Date header as {@link MimeMessage#setSentDate} writes it (RFC 5322 §3.3, to the second). */
    String date(Instant now) {
        LastHeader last = lastDate;
        Long second = now.getEpochSecond();
        if (!second.equals(last.source())) {
            synchronized (dateFormat) {
                last = new LastHeader(second, dateFormat.format(Date.from(now)));
            }
            lastDate = last;
        }
        return last.value();
    }

    /**
     * Precedence: bulk, List-Id (RFC 2919), List-Unsubscribe (RFC 2369) with List-Unsubscribe-Post (RFC 8058)
     * for an https link, and Feedback-ID with the {@code campaign}, in that order.
     */
    void setListHeaders(MimeMessage message, String email, String campaign)
            throws MessagingException, UnsupportedEncodingException {
        message.setHeader("Precedence", "bulk");
        if (settings.listId().isPresent()) {
            String id = listId;
            if (id == null) {
                id = folded("List-Id", phrase(settings.listName()) + " <" + settings.listId().get() + ">");
                listId = id;
            }
            message.setHeader("List-Id", id);
        }
        List<String> unsubscribe = new ArrayList<>();
        settings.unsubscribe().mailtoUri(email).ifPresent(uri -> unsubscribe.add("<" + uri + ">"));
        Optional<String> https = settings.unsubscribe().httpsUri(email);
        https.ifPresent(uri -> unsubscribe.add("<" + uri + ">"));
        if (!unsubscribe.isEmpty()) {
            message.setHeader("List-Unsubscribe", folded("List-Unsubscribe", String.join(", ", unsubscribe)));
        }
        if (https.isPresent()) {
            message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        if (settings.feedbackId().isPresent()) {
            LastHeader feedbackId = lastFeedbackId;
            if (!campaign.equals(feedbackId.source())) {
                String prefix = campaign.isEmpty() ? "" : campaign.replaceAll("[^A-Za-z0-9._-]", "") + ":";
                feedbackId = new LastHeader(campaign, folded("Feedback-ID", prefix + settings.feedbackId().get()));
                lastFeedbackId = feedbackId;
            }
            message.setHeader("Feedback-ID", feedbackId.value());
        }
    }

    /** A header value from data, checked to be one line and folded at spaces to stay under 78 columns. */
    private static String folded(String name, String value) {
        Addresses.requireSingleLine(value, name);
        return MimeUtility.fold(name.length() + 2, value);
    }

    /** A display phrase (RFC 5322 §3.2.5): quoted if ASCII, RFC 2047 encoded otherwise. */
    private static String phrase(String text) throws UnsupportedEncodingException {
        if (text.chars().allMatch(c -> c >= 0x20 && c < 0x7F)) {
            return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
        return MimeUtility.encodeWord(text, UTF_8, "Q");
    }
}
