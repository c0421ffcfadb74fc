package org.imrap.bulletin.compose;

import static org.imrap.bulletin.Text.t;

import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.imrap.bulletin.config.BulletinSettings;
import org.imrap.bulletin.config.Settings;
import org.imrap.bulletin.config.SmtpSettings;
import org.imrap.bulletin.address.Addresses;
import org.imrap.bulletin.mail.Delivery;
import org.imrap.bulletin.mail.Login;
import org.imrap.bulletin.address.InvalidAddressException;
import org.imrap.bulletin.mail.MessageBuilder;
import org.imrap.bulletin.mail.Sandbox;
import org.imrap.bulletin.mail.SmtpConnection;
import org.imrap.bulletin.mail.Status;

/**
 * Mails a short run report to the staff of {@code report.to}, through the same server as the
 * bulletin (the sandbox writes it to a file). A report that cannot go is a warning, never a failure
 * of the run it reports on. Both {@code send} and {@code inbox} mail one.
 */
public final class ReportMailer {
    private ReportMailer() {
    }

    /** {@code report.to}: staff addresses, separated by commas (none: no report). */
    public static List<String> reportTo(Settings settings) {
        List<String> addresses = settings.optional("report.to")
                .map(list -> Arrays.stream(list.split(",")).map(String::strip).filter(a -> !a.isEmpty()).toList())
                .orElse(List.of());
        for (String address : addresses) {
            try {
                Addresses.parse(address);
            } catch (InvalidAddressException e) {
                throw settings.error("report.to", e.getMessage(), t("settings.reportTo.hint"));
            }
        }
        return addresses;
    }

    public static void mail(SmtpSettings smtp, BulletinSettings settings, List<String> to, String subject, String text,
                            Optional<Login> login, Path sandboxDir, Clock clock, Consumer<String> warnings) {
        if (to.isEmpty()) {
            return;
        }
        Optional<Sandbox> sandbox = Optional.empty();
        try {
            sandbox = smtp.isSandbox() ? Optional.of(Sandbox.start(sandboxDir, "report-")) : Optional.empty();
            SmtpSettings server = sandbox.map(box -> box.settings(smtp)).orElse(smtp);
            try (SmtpConnection connection = new SmtpConnection(server, settings.sender().email(),
                    sandbox.isPresent() ? null : login.orElse(null), Optional.empty())) {
                sandbox.ifPresent(box -> connection.afterEachMessage(box::checkSaved));
                connection.connect();
                MessageBuilder builder = new MessageBuilder(settings.sender(), clock);
                for (String address : to) {
                    MimeMessage message = builder.buildReport(subject, text, address);
                    Delivery delivery = connection.send(message);
                    if (delivery.status() != Status.SENT) {
                        warnings.accept(t("report.notSentTo", address, delivery.reply()));
                    }
                }
            }
        } catch (RuntimeException e) {
            warnings.accept(t("report.notSent", e.getMessage()));
        } finally {
            sandbox.ifPresent(Sandbox::close);
        }
    }
}
