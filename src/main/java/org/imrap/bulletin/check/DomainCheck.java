package org.imrap.bulletin.check;

import static org.imrap.bulletin.Text.t;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The sender's domain in DNS: SPF (RFC 7208, a TXT record at the domain), DKIM (RFC 6376, a key at
 * {@code selector._domainkey.domain}; the selector is the provider's choice, so the usual ones are
 * tried) and DMARC (RFC 7489, at {@code _dmarc.domain}). Gmail and Yahoo require all three of bulk
 * senders; a missing one is a warning, not a failure: {@code send} works, fewer messages arrive.
 */
final class DomainCheck {
    /** Google Workspace: google; Microsoft 365: selector1, selector2; cPanel and many hosts: default; Mailchimp and others: k1. */
    static final List<String> USUAL_SELECTORS = List.of("default", "selector1", "selector2", "google", "k1");

    private final Dns dns;
    private final Progress progress;

    DomainCheck(Dns dns, Progress progress) {
        this.dns = dns;
        this.progress = progress;
    }

    void run(String domain, Optional<String> selector) {
        progress.section(t("check.section.domain", domain));
        try {
            spf(domain);
            dkim(domain, selector);
            dmarc(domain);
        } catch (Dns.NoAnswerException e) {
            progress.warning(t("check.step.dns"), t("check.domain.noAnswer", domain, String.valueOf(e.getMessage())),
                    t("check.domain.noAnswer.hint"));
        }
    }

    private void spf(String domain) throws Dns.NoAnswerException {
        String what = "SPF";
        List<String> records = starting(dns.txt(domain), "v=spf1");
        if (records.isEmpty()) {
            progress.warning(what, t("check.spf.none", domain), t("check.spf.hint"));
        } else if (records.size() > 1) {
            progress.warning(what, t("check.spf.several", domain, records.size()), t("check.spf.several.hint"));
        } else {
            progress.ok(what, shortened(records.get(0)));
        }
    }

    private void dkim(String domain, Optional<String> selector) throws Dns.NoAnswerException {
        String what = "DKIM";
        List<String> selectors = selector.map(List::of).orElse(USUAL_SELECTORS);
        for (String name : selectors) {
            for (String record : dns.txt(name + "._domainkey." + domain)) {
                if (hasKey(record)) {
                    progress.ok(what, t("check.dkim.ok", name + "._domainkey." + domain));
                    return;
                }
            }
        }
        if (selector.isPresent()) {
            progress.warning(what, t("check.dkim.notAt", selector.get() + "._domainkey." + domain), t("check.dkim.hint"));
        } else {
            progress.warning(what, t("check.dkim.none", domain, String.join(", ", selectors)), t("check.dkim.hint"));
        }
    }

    private void dmarc(String domain) throws Dns.NoAnswerException {
        String what = "DMARC";
        List<String> records = starting(dns.txt("_dmarc." + domain), "v=DMARC1");
        if (records.isEmpty()) {
            progress.warning(what, t("check.dmarc.none", "_dmarc." + domain), t("check.dmarc.hint", domain));
        } else {
            progress.ok(what, shortened(records.get(0)));
        }
    }

    /** A DKIM key record (RFC 6376 §3.6.1) with a key: an empty {@code p=} means the key was revoked. */
    static boolean hasKey(String record) {
        for (String tag : record.split(";")) {
            String[] pair = tag.strip().split("=", 2);
            if (pair.length == 2 && pair[0].strip().equals("p")) {
                return !pair[1].strip().isEmpty();
            }
        }
        return false;
    }

    /** The records that are of this kind: they start with their version tag (case as written does not matter). */
    private static List<String> starting(List<String> records, String version) {
        return records.stream().map(String::strip)
                .filter(r -> r.toLowerCase(Locale.ROOT).startsWith(version.toLowerCase(Locale.ROOT))
                        && (r.length() == version.length() || r.charAt(version.length()) == ' '
                        || r.charAt(version.length()) == ';'))
                .toList();
    }

    private static String shortened(String record) {
        return record.length() <= 120 ? record : record.substring(0, 117) + "...";
    }
}
