package org.imrap.bulletin.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** --debug-smtp never shows a password or a token, in any form it takes on the wire. */
class SecretFilterTest {

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theXoauth2LineAndARenewedTokenAreMasked() {
        ByteArrayOutputStream shown = new ByteArrayOutputStream();
        SecretFilter filter = new SecretFilter(new PrintStream(shown, true, StandardCharsets.UTF_8), "bulletin@imrap-mali.org",
                null);
        PrintStream debug = new PrintStream(filter, true, StandardCharsets.UTF_8);
        filter.add("bulletin@imrap-mali.org", "at.first".toCharArray());
        debug.println("AUTH XOAUTH2 " + b64("user=bulletin@imrap-mali.org\u0001auth=Bearer at.first\u0001\u0001"));
        filter.add("bulletin@imrap-mali.org", "at.second".toCharArray());
        debug.println("AUTH XOAUTH2 " + b64("user=bulletin@imrap-mali.org\u0001auth=Bearer at.second\u0001\u0001"));
        debug.println("Bearer at.second, " + b64("at.first") + ", AUTH PLAIN " + b64("\0bulletin@imrap-mali.org\0at.first"));

        assertThat(shown.toString(StandardCharsets.UTF_8)).isEqualTo("""
                smtp: AUTH XOAUTH2 ********
                smtp: AUTH XOAUTH2 ********
                smtp: Bearer ********, ********, AUTH PLAIN ********
                """);
    }
}
