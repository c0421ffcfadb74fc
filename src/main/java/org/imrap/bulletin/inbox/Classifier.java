package org.imrap.bulletin.inbox;

import org.imrap.bulletin.address.EmailAddress;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.imrap.bulletin.config.Unsubscribe;

/**
 * Tells what a message in the inbox is: a delivery status notification (RFC 3464, or the plain-text
 * reports of MTAs that do not follow it), an automatic reply (RFC 3834 and the usual subjects), an
 * unsubscribe request (to the {@code unsubscribe.mailto} address, as the List-Unsubscribe header and
 * the footer link compose it), or anything else.
 *
 * <p>It is long (about 360 lines) because the rules are many — each kind is recognised in the several ways
 * real servers and mail readers write it — and they share one careful reading of the message's parts; kept
 * together, that reading serves them all, and one place holds the order that decides between them (a bounce
 * before an automatic reply before an unsubscribe request).
 */
final class Classifier {
    // A match starts only where a run of local-part characters starts: without the look-behind, a long
    // run with no '@' in it was scanned again from each of its characters (32 KB took 2 s; 5 MB, hours).
    private static final Pattern ADDRESS = Pattern.compile(
            "(?<![A-Za-z0-9._%+'-])[A-Za-z0-9._%+'-]++@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    private static final Pattern ENHANCED = Pattern.compile("(?<![\\d.])([45])\\.(\\d{1,3})\\.(\\d{1,3})(?![\\d.])");
    private static final Pattern SMTP_CODE = Pattern.compile("(?<!\\d)([45])\\d\\d(?!\\d)");
    private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^Message-ID:\\s*(<[^>\\s]+>)");
    private static final Pattern TOKEN = Unsubscribe.TOKEN;
    private static final Pattern BOUNCE_SENDER = Pattern.compile("(?i)^(mailer-daemon|postmaster|mail-daemon)@");
    private static final Pattern BOUNCE_SUBJECT = Pattern.compile("(?i)(undeliver|delivery status notification|"
            + "mail delivery failed|returned mail|delivery failure|non remis|échec de la remise|failure notice)");
    private static final Pattern AUTO_SUBJECT = Pattern.compile("(?i)^\\s*(auto(matic)?[ -]?reply|out of (the )?office|"
            + "réponse automatique|absence|absent|auto:|abwesend)");

    private final Unsubscribe unsubscribe;
    private final String ownDomain;
    private final Optional<String> authservId;

    /**
     * @param authservId the name our receiving server signs its Authentication-Results with (RFC 8601);
     *                   when set, a request counts as sent by its address only if that server says
     *                   DMARC, DKIM or SPF passed for it
     */
    Classifier(Unsubscribe unsubscribe, String ownDomain, Optional<String> authservId) {
        this.unsubscribe = unsubscribe;
        this.ownDomain = ownDomain.toLowerCase(Locale.ROOT);
        this.authservId = authservId.map(id -> id.toLowerCase(Locale.ROOT));
    }

    Finding classify(MimeMessage message) throws MessagingException, IOException {
        Optional<Finding> bounce = bounce(message);
        if (bounce.isPresent()) {
            return bounce.get();
        }
        if (isAutoReply(message)) {
            return new Finding.AutoReply();
        }
        return unsubscribeRequest(message).orElse(new Finding.Other());
    }

    // --- bounces -----------------------------------------------------------------------------------

    private Optional<Finding> bounce(MimeMessage message) throws MessagingException, IOException {
        String type = message.getContentType() == null ? "" : message.getContentType().toLowerCase(Locale.ROOT);
        List<Part> parts = MessageParts.all(message);
        if (type.startsWith("multipart/report") && type.replace(" ", "").contains("report-type=delivery-status")) {
            for (Part part : parts) {
                if (part.isMimeType("message/delivery-status") || part.isMimeType("message/global-delivery-status")) {
                    // A report of delivery, relay or delay is not a failure: it is left alone.
                    return Optional.of(deliveryStatus(MessageParts.text(part), originalId(message, parts))
                            .orElse(new Finding.Other()));
                }
            }
        }
        String from = firstFrom(message);
        String subject = Optional.ofNullable(message.getSubject()).orElse("");
        if (BOUNCE_SENDER.matcher(from).find() || BOUNCE_SUBJECT.matcher(subject).find()) {
            return plainTextReport(message, parts);
        }
        return Optional.empty();
    }

    /** RFC 3464 §2.3: per-recipient fields, one group per recipient, groups separated by blank lines. */
    private Optional<Finding> deliveryStatus(String report, Optional<String> originalId) {
        for (String group : report.replace("\r\n", "\n").split("\n\\s*\n")) {
            // The address as bulletin sent to it (Original-Recipient) before any alias expansion (Final-Recipient).
            Optional<String> recipient = addressIn(group, "Original-Recipient").or(() -> addressIn(group, "Final-Recipient"));
            String action = field(group, "Action").orElse("").toLowerCase(Locale.ROOT);
            String status = field(group, "Status").orElse("");
            // "delayed" is a warning that the MTA still tries: not a failure (RFC 3464 §2.3.3).
            // A failure has a 4.x.x (persistent transient) or 5.x.x (permanent) status; none means permanent.
            if (recipient.isEmpty() || !action.startsWith("failed") || !status.matches("([45]\\..*)?")) {
                continue;
            }
            boolean permanent = !status.startsWith("4");
            return Optional.of(new Finding.Bounce(recipient.get(), permanent, status.isEmpty() ? "5.0.0"
                    : status.split("\\s")[0], field(group, "Diagnostic-Code").orElse(""), originalId));
        }
        return Optional.empty();
    }

    private static Optional<String> addressIn(String group, String name) {
        return field(group, name).map(ADDRESS::matcher).filter(Matcher::find).map(Matcher::group);
    }

    /** The reports of MTAs that write prose (Exim, older Exchange, Lotus …): an address and a status code. */
    private Optional<Finding> plainTextReport(MimeMessage message, List<Part> parts) throws MessagingException, IOException {
        StringBuilder text = new StringBuilder();
        for (Part part : parts) {
            if (part.isMimeType("text/plain")) {
                text.append(MessageParts.text(part)).append('\n');
            }
        }
        String body = text.toString();
        Matcher enhanced = ENHANCED.matcher(body);
        Matcher code = SMTP_CODE.matcher(body);
        String status = enhanced.find() ? enhanced.group() : code.find() ? code.group(1) + ".0.0" : "";
        if (status.isEmpty()) {
            return Optional.empty();
        }
        String own = firstFrom(message).toLowerCase(Locale.ROOT);
        Matcher address = ADDRESS.matcher(body);
        while (address.find()) {
            String candidate = address.group().toLowerCase(Locale.ROOT);
            if (!candidate.equals(own) && !candidate.endsWith("@" + ownDomain) && !BOUNCE_SENDER.matcher(candidate).find()) {
                String line = body.substring(Math.max(0, body.lastIndexOf('\n', address.start()) + 1),
                        Math.max(address.end(), body.indexOf('\n', address.end()) < 0 ? body.length()
                                : body.indexOf('\n', address.end())));
                return Optional.of(new Finding.Bounce(address.group(), status.startsWith("5"), status,
                        diagnostic(body, status).orElse(line.strip()), originalId(message, parts)));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> diagnostic(String body, String status) {
        for (String line : body.split("\n")) {
            if (line.contains(status) && line.strip().length() < 300) {
                return Optional.of(line.strip());
            }
        }
        return Optional.empty();
    }

    /** The Message-ID of the returned message (text/rfc822-headers, message/rfc822, or a quoted copy). */
    private static Optional<String> originalId(MimeMessage message, List<Part> parts) throws MessagingException, IOException {
        String own = message.getMessageID();
        for (Part part : parts) {
            if (part instanceof MimeMessage returned && returned != message && returned.getMessageID() != null) {
                return Optional.of(returned.getMessageID());
            }
        }
        for (Part part : parts) {
            if (part.isMimeType("text/rfc822-headers") || part.isMimeType("text/plain")) {
                Matcher id = MESSAGE_ID.matcher(MessageParts.text(part));
                while (id.find()) {
                    if (!id.group(1).equals(own)) {
                        return Optional.of(id.group(1));
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> field(String group, String name) {
        Matcher m = Pattern.compile("(?im)^" + Pattern.quote(name) + ":\\s*(.*(?:\\n[ \\t].*)*)").matcher(group);
        return m.find() ? Optional.of(m.group(1).replaceAll("\\s*\\n\\s*", " ").strip()) : Optional.empty();
    }

    // --- automatic replies ------------------------------------------------------------------------

    private static boolean isAutoReply(MimeMessage message) throws MessagingException {
        String[] auto = message.getHeader("Auto-Submitted");
        if (auto != null && auto.length > 0 && !auto[0].strip().equalsIgnoreCase("no")) {
            return true;
        }
        if (message.getHeader("X-Autoreply") != null || message.getHeader("X-Autorespond") != null) {
            return true;
        }
        String[] precedence = message.getHeader("Precedence");
        if (precedence != null && precedence.length > 0 && precedence[0].strip().equalsIgnoreCase("auto_reply")) {
            return true;
        }
        return AUTO_SUBJECT.matcher(Optional.ofNullable(message.getSubject()).orElse("")).find();
    }

    // --- unsubscribe requests ---------------------------------------------------------------------

    private Optional<Finding> unsubscribeRequest(MimeMessage message) throws MessagingException, IOException {
        String subject = Optional.ofNullable(message.getSubject()).orElse("").strip();
        boolean toUs = unsubscribe.mailto().map(address -> addressedTo(message, address)).orElse(false);
        boolean asksToLeave = Unsubscribe.REQUEST_SUBJECT.matcher(subject).matches();
        if (!toUs || !asksToLeave) {
            return Optional.empty();
        }
        Matcher named = ADDRESS.matcher(subject);
        String from = firstFrom(message);
        String email = named.find() ? named.group() : from;
        if (email.isEmpty()) {
            return Optional.empty();
        }
        boolean bySender = EmailAddress.canonical(email).equals(EmailAddress.canonical(from)) && senderVouchedFor(message, from);
        boolean byToken = false;
        if (unsubscribe.secret().isPresent()) {
            String expected = unsubscribe.token(email);
            StringBuilder text = new StringBuilder(subject).append('\n');
            List<Part> parts = MessageParts.all(message);
            for (Part part : parts) {
                if (part.isMimeType("text/plain")) {
                    text.append(MessageParts.text(part));
                }
            }
            Matcher token = TOKEN.matcher(text.toString().replace("%3D", "=").replace("%3d", "="));
            while (token.find()) {
                byToken |= token.group(1).equals(expected);
            }
        }
        return Optional.of(new Finding.Unsubscribe(email, bySender || byToken));
    }

    /**
     * A From header can be forged. When our receiving server's authserv-id is known, the topmost
     * Authentication-Results (RFC 8601) bearing it — the others could be forged too — must vouch for
     * the From domain itself: dmarc=pass, or an spf/dkim pass for that very domain (a pass for the
     * sender's own domain proves nothing about the From). A dmarc=fail anywhere refuses.
     */
    private boolean senderVouchedFor(MimeMessage message, String from) throws MessagingException {
        String[] results = Optional.ofNullable(message.getHeader("Authentication-Results")).orElse(new String[0]);
        List<String> texts = new ArrayList<>();
        for (String result : results) {
            String text = result.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
            if (text.matches(".*\\bdmarc=fail\\b.*")) {
                return false;
            }
            texts.add(text);
        }
        if (authservId.isEmpty()) {
            return true;
        }
        String id = authservId.get();
        String domain = from.substring(from.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        String aligned = "(dmarc=pass\\b.*"
                + "|spf=pass\\b[^;]*\\bsmtp\\.mailfrom=([^ ;]*@)?" + Pattern.quote(domain) + "(?![\\w.-])"
                + "|dkim=pass\\b[^;]*\\bheader\\.[di]=@?" + Pattern.quote(domain) + "(?![\\w.-]))";
        return texts.stream().filter(text -> text.startsWith(id + ";") || text.startsWith(id + " ")).findFirst()
                .map(ours -> Arrays.stream(ours.split(";")).skip(1).map(String::strip)
                        .anyMatch(method -> method.matches(aligned + ".*")))
                .orElse(false);
    }

    private static boolean addressedTo(MimeMessage message, String address) {
        String wanted = EmailAddress.canonical(address);
        try {
            for (String header : new String[] {"To", "Cc", "Delivered-To", "X-Original-To"}) {
                String[] values = message.getHeader(header);
                if (values == null) {
                    continue;
                }
                for (String value : values) {
                    Matcher m = ADDRESS.matcher(value);
                    while (m.find()) {
                        if (EmailAddress.canonical(m.group()).equals(wanted)) {
                            return true;
                        }
                    }
                }
            }
        } catch (MessagingException e) {
            return false;
        }
        return false;
    }

    // --- reading ------------------------------------------------------------------------------------

    private static String firstFrom(MimeMessage message) throws MessagingException {
        jakarta.mail.Address[] from = message.getFrom();
        return from != null && from.length > 0 && from[0] instanceof InternetAddress address
                ? Optional.ofNullable(address.getAddress()).orElse("") : "";
    }
}
