package org.imrap.bulletin.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.time.Clock;
import java.util.Date;
import java.util.Properties;
import java.util.UUID;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.ExitCode;
import org.imrap.bulletin.config.Sender;
import org.imrap.bulletin.recipients.Recipient;
import org.imrap.bulletin.render.RenderedMessage;

/**
 * Builds the one MIME message that both preview and send use: multipart/alternative with the
 * plain text first and the HTML last (RFC 2046 §5.1.4: the last part is the preferred one), UTF-8,
 * quoted-printable so French text stays readable in the raw message, display names and subject
 * encoded per RFC 2047, and a Message-ID on the sender's domain (RFC 5322 §3.6.4).
 */
public final class MessageBuilder {
    private static final String UTF_8 = "UTF-8";

    private final Session session;
    private final Sender sender;
    private final Clock clock;

    public MessageBuilder(Sender sender, Clock clock) {
        Properties properties = new Properties();
        properties.setProperty("mail.from", sender.email());
        this.session = Session.getInstance(properties);
        this.sender = sender;
        this.clock = clock;
    }

    public MimeMessage build(RenderedMessage rendered, Recipient recipient) {
        try {
            Addresses.requireSingleLine(rendered.subject(), "subject");
            Addresses.requireSingleLine(recipient.name(), "name");
            MimeMessage message = new DomainMessage(session, sender.domain());
            message.setFrom(new InternetAddress(sender.email(), sender.name(), UTF_8));
            message.setRecipient(MimeMessage.RecipientType.TO,
                    new InternetAddress(recipient.email(), recipient.name().isBlank() ? null : recipient.name(), UTF_8));
            message.setSubject(rendered.subject(), UTF_8);
            message.setSentDate(Date.from(clock.instant()));

            MimeMultipart alternative = new MimeMultipart("alternative");
            alternative.addBodyPart(part(rendered.text(), "plain"));
            alternative.addBodyPart(part(rendered.html(), "html"));
            message.setContent(alternative);
            message.saveChanges();
            return message;
        } catch (InvalidAddressException e) {
            throw new BulletinException(ExitCode.DATA_ERROR, "cannot address a message to " + recipient.email()
                    + ": " + e.getMessage(), "fix the value in the recipient list or the template");
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new BulletinException(ExitCode.SOFTWARE, "cannot build the message for " + recipient.email()
                    + ": " + e.getMessage(), null, e);
        }
    }

    private static MimeBodyPart part(String content, String subtype) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setText(content, UTF_8, subtype);
        part.setHeader("Content-Transfer-Encoding", "quoted-printable");
        return part;
    }

    /** A MimeMessage whose Message-ID names the sender's domain instead of the local host. */
    private static final class DomainMessage extends MimeMessage {
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
