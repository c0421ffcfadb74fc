package org.imrap.bulletin.check;

import static org.imrap.bulletin.Text.t;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.imrap.bulletin.ExitCode;
import org.imrap.bulletin.config.SmtpSettings;

/**
 * Whether the account may send as the bulletin's sender. Consumer mail accounts may not send as another
 * domain: Gmail rewrites the From to the account's own address unless the other address was added and
 * verified as "Send mail as"; Outlook.com refuses the message (550 5.7.60 SendAsDenied). Microsoft 365
 * and Google Workspace accounts need the address as an alias or a Send As permission.
 */
final class SenderAccount {
    private static final Set<String> REWRITES = Set.of("gmail.com", "googlemail.com");
    private static final Set<String> REFUSES = Set.of("outlook.com", "hotmail.com", "live.com", "msn.com",
            "outlook.fr", "hotmail.fr", "live.fr");
    private static final Set<String> PROVIDER_HOSTS = Set.of("smtp.gmail.com", "smtp.office365.com",
            "smtp-mail.outlook.com");

    private SenderAccount() {
    }

    /** Reports the step, and returns the exit code send would give because of it (OK if none). */
    static ExitCode check(SmtpSettings smtp, String sender, Progress progress) {
        Optional<String> account = smtp.username().filter(name -> name.contains("@"));
        if (smtp.isSandbox() || account.isEmpty()) {
            return ExitCode.OK;
        }
        String what = t("check.step.sender");
        String accountDomain = domain(account.get());
        String senderDomain = domain(sender);
        if (account.get().equalsIgnoreCase(sender)) {
            progress.ok(what, t("check.from.same", sender));
        } else if (!accountDomain.equals(senderDomain) && REWRITES.contains(accountDomain)) {
            progress.warning(what, t("check.from.rewritten", account.get(), sender), t("check.from.rewritten.hint", sender, senderDomain));
        } else if (!accountDomain.equals(senderDomain) && REFUSES.contains(accountDomain)) {
            progress.failed(what, t("check.from.refused", account.get(), sender), t("check.from.refused.hint", sender, senderDomain));
            return ExitCode.DATA_ERROR;  // every message refused after DATA: send ends with permanent failures
        } else if (PROVIDER_HOSTS.contains(smtp.host().toLowerCase(Locale.ROOT))) {
            progress.warning(what, t("check.from.sendAs", account.get(), sender), t("check.from.sendAs.hint", sender));
        } else {
            progress.ok(what, t("check.from.other", account.get(), sender));
        }
        return ExitCode.OK;
    }

    static String domain(String address) {
        return address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    }
}
