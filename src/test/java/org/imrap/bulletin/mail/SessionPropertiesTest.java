package org.imrap.bulletin.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import org.imrap.bulletin.config.InboxSettings;
import org.imrap.bulletin.config.Security;
import org.imrap.bulletin.config.SmtpSettings;
import org.junit.jupiter.api.Test;

/**
 * The Jakarta Mail properties of each kind of session, pinned name by name: a change here changes how
 * bulletin connects (timeouts, TLS, host-name checks), and must be meant.
 */
class SessionPropertiesTest {
    private static final String WATCHED = "NoDelaySocketFactory(greeting 15000 ms, read 60000 ms, write 30000 ms)";
    private static final String UNWATCHED = "NoDelaySocketFactory(greeting 0 ms, read 0 ms, write 0 ms)";
    private static final String TLS = "NoDelaySslSocketFactory";

    private static SmtpSettings smtp(String host, int port, Security security, Optional<String> username) {
        return new SmtpSettings(host, port, security, username, Optional.empty(), Duration.ofSeconds(15),
                Duration.ofSeconds(60), Duration.ofSeconds(30));
    }

    private static InboxSettings inbox(String host, int port, String protocol, boolean tls) {
        return new InboxSettings(host, port, protocol, tls, Optional.of("desabonnement"), Optional.empty(), "INBOX",
                "bulletin-traite", 1, 3, Duration.ofSeconds(15), Duration.ofSeconds(60), Optional.empty());
    }

    /** Each property, an object shown by what it is. */
    private static Map<String, String> shown(Properties properties) {
        Map<String, String> shown = new TreeMap<>();
        properties.forEach((name, value) -> shown.put((String) name, value instanceof String text ? text
                : value instanceof NoDelaySocketFactory ? value.toString() : value.getClass().getSimpleName()));
        return shown;
    }

    @Test
    void smtpWithStarttlsRequiresItAndWatchesReadsAndWritesWithItsOwnSockets() {
        Properties p = SessionProperties.smtp(smtp("smtp.example.org", 587, Security.STARTTLS, Optional.of("b@imrap-mali.org")),
                "bulletin@imrap-mali.org", Optional.of(Login.Mechanism.PASSWORD), Tls.system());
        assertThat(shown(p)).isEqualTo(new TreeMap<>(Map.ofEntries(
                Map.entry("mail.transport.protocol", "smtp"),
                Map.entry("mail.smtp.host", "smtp.example.org"),
                Map.entry("mail.smtp.port", "587"),
                Map.entry("mail.smtp.from", "bulletin@imrap-mali.org"),
                Map.entry("mail.smtp.connectiontimeout", "15000"),
                Map.entry("mail.smtp.auth", "true"),
                Map.entry("mail.smtp.starttls.enable", "true"),
                Map.entry("mail.smtp.starttls.required", "true"),
                Map.entry("mail.smtp.socketFactory", WATCHED),
                Map.entry("mail.smtp.ssl.socketFactory", TLS),
                Map.entry("mail.smtp.ssl.checkserveridentity", "true"))));
    }

    @Test
    void smtpsUsesAngusTimeoutsOnTheJdksTlsSocketsAndNamesXoauth2() {
        Properties p = SessionProperties.smtp(smtp("smtp.office365.com", 465, Security.SSL, Optional.of("b@imrap-mali.org")),
                "bulletin@imrap-mali.org", Optional.of(Login.Mechanism.XOAUTH2), Tls.system());
        assertThat(shown(p)).isEqualTo(new TreeMap<>(Map.ofEntries(
                Map.entry("mail.transport.protocol", "smtps"),
                Map.entry("mail.smtps.host", "smtp.office365.com"),
                Map.entry("mail.smtps.port", "465"),
                Map.entry("mail.smtps.from", "bulletin@imrap-mali.org"),
                Map.entry("mail.smtps.connectiontimeout", "15000"),
                Map.entry("mail.smtps.auth", "true"),
                Map.entry("mail.smtps.auth.mechanisms", "XOAUTH2"),
                Map.entry("mail.smtps.timeout", "60000"),
                Map.entry("mail.smtps.writetimeout", "30000"),
                Map.entry("mail.smtps.ssl.socketFactory", TLS),
                Map.entry("mail.smtps.ssl.checkserveridentity", "true"))));
    }

    @Test
    void plainSmtpOnThisMachineHasNoTlsAndNoLogin() {
        Properties p = SessionProperties.smtp(smtp("127.0.0.1", 2525, Security.NONE, Optional.empty()),
                "bulletin@imrap-mali.org", Optional.empty(), Tls.system());
        assertThat(shown(p)).isEqualTo(new TreeMap<>(Map.ofEntries(
                Map.entry("mail.transport.protocol", "smtp"),
                Map.entry("mail.smtp.host", "127.0.0.1"),
                Map.entry("mail.smtp.port", "2525"),
                Map.entry("mail.smtp.from", "bulletin@imrap-mali.org"),
                Map.entry("mail.smtp.connectiontimeout", "15000"),
                Map.entry("mail.smtp.auth", "false"),
                Map.entry("mail.smtp.socketFactory", WATCHED))));
    }

    @Test
    void imapsPeeksWithAngusTimeoutsTheReadOneForWritesToo() {
        Properties p = SessionProperties.inbox(inbox("imap.example.org", 993, "imaps", true), Optional.empty(), Tls.system());
        assertThat(shown(p)).isEqualTo(new TreeMap<>(Map.ofEntries(
                Map.entry("mail.imaps.host", "imap.example.org"),
                Map.entry("mail.imaps.port", "993"),
                Map.entry("mail.imaps.connectiontimeout", "15000"),
                Map.entry("mail.imaps.timeout", "60000"),
                Map.entry("mail.imaps.writetimeout", "60000"),
                Map.entry("mail.imaps.peek", "true"),
                Map.entry("mail.imaps.ssl.socketFactory", TLS),
                Map.entry("mail.imaps.ssl.checkserveridentity", "true"))));
    }

    @Test
    void imapWithTlsRequiresStarttlsOnNoDelaySockets() {
        Properties p = SessionProperties.inbox(inbox("imap.example.org", 143, "imap", true),
                Optional.of(Login.Mechanism.XOAUTH2), Tls.system());
        assertThat(shown(p)).isEqualTo(new TreeMap<>(Map.ofEntries(
                Map.entry("mail.imap.host", "imap.example.org"),
                Map.entry("mail.imap.port", "143"),
                Map.entry("mail.imap.connectiontimeout", "15000"),
                Map.entry("mail.imap.timeout", "60000"),
                Map.entry("mail.imap.writetimeout", "60000"),
                Map.entry("mail.imap.peek", "true"),
                Map.entry("mail.imap.auth.mechanisms", "XOAUTH2"),
                Map.entry("mail.imap.starttls.enable", "true"),
                Map.entry("mail.imap.starttls.required", "true"),
                Map.entry("mail.imap.socketFactory", UNWATCHED),
                Map.entry("mail.imap.ssl.socketFactory", TLS),
                Map.entry("mail.imap.ssl.checkserveridentity", "true"))));
    }

    @Test
    void plainImapOnThisMachineStartsNoTls() {
        Properties p = SessionProperties.inbox(inbox("127.0.0.1", 3143, "imap", false), Optional.empty(), Tls.system());
        assertThat(shown(p)).doesNotContainKeys("mail.imap.starttls.enable", "mail.imap.starttls.required")
                .containsEntry("mail.imap.socketFactory", UNWATCHED).containsEntry("mail.imap.port", "3143")
                .hasSize(9);
    }
}
