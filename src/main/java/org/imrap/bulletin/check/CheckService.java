package org.imrap.bulletin.check;

import static org.imrap.bulletin.Text.t;

import java.util.Optional;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.ExitCode;
import org.imrap.bulletin.config.BulletinSettings;
import org.imrap.bulletin.config.InboxSettings;
import org.imrap.bulletin.config.Settings;
import org.imrap.bulletin.config.SmtpSettings;
import org.imrap.bulletin.oauth.Logins;
import org.imrap.bulletin.mail.Tls;

/**
 * {@code bulletin check}: tries each step of what {@code send} and {@code inbox} will do, without
 * sending or reading a message, and reports each as it goes — the SMTP server (DNS, TCP, TLS or
 * STARTTLS, EHLO, login, MAIL FROM), whether the account may send as the sender, the sender's domain
 * in DNS (SPF, DKIM, DMARC), and the mailbox when one is configured. The settings are read as
 * {@code send} reads them (a bad setting fails the same way, exit 78).
 */
public final class CheckService {
    private final Dns dns;
    private final Tls tls;

    /** With the system's DNS and trust store, as send and inbox use them. */
    public CheckService() {
        this(new SystemDns(), Tls.system());
    }

    /** With DNS answers and a trust store of the caller's (tests). */
    public CheckService(Dns dns, Tls tls) {
        this.dns = dns;
        this.tls = tls;
    }

    public CheckResult check(CheckRequest request, CheckListener listener) {
        Settings file = Settings.load(request.workspace().settingsFile());
        BulletinSettings settings = BulletinSettings.from(file);
        SmtpSettings smtp = SmtpSettings.resolve(file, request.env(), request.smtp());
        Progress progress = new Progress(listener);
        Network network = new Network(dns, tls, progress);
        String sender = settings.sender().email();

        ExitCode send = new SmtpCheck(smtp, sender, () -> Logins.smtp(smtp, file, request.env(), request.prompt(), request.clock()),
                network, progress).run();
        ExitCode account = SenderAccount.check(smtp, sender, progress);
        if (send == ExitCode.OK) {
            send = account;
        }
        new DomainCheck(dns, progress).run(settings.sender().domain(), request.dkimSelector());

        Optional<ExitCode> inbox = Optional.empty();
        if (inboxConfigured(file, request)) {
            inbox = Optional.of(inbox(file, request, network, progress));
        }
        return new CheckResult(send, progress.warnings(), inbox);
    }

    private static ExitCode inbox(Settings file, CheckRequest request, Network network, Progress progress) {
        InboxSettings mailbox;
        try {
            mailbox = InboxSettings.resolve(file, request.env());
        } catch (BulletinException e) {
            // A mistake in inbox.* stops inbox, not send: said here, and the check goes on.
            progress.section(t("check.section.inboxSettings"));
            progress.failed(t("check.step.settings"), e.getMessage(), e.hint().orElse(null));
            return e.exitCode();
        }
        return new InboxCheck(mailbox, () -> Logins.inbox(mailbox, file, request.env(), request.prompt(), request.clock()), network,
                progress).run();
    }

    private static boolean inboxConfigured(Settings file, CheckRequest request) {
        String variable = request.env().get("BULLETIN_INBOX_HOST");
        return (variable != null && !variable.isBlank()) || file.optional("inbox.host").isPresent();
    }
}
