package org.imrap.bulletin.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import org.imrap.bulletin.config.Unsubscribe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each message of the inbox corpus, and what bulletin makes of it. */
class ClassifierTest {
    private static final byte[] SECRET = new byte[32];
    private static final Unsubscribe UNSUBSCRIBE = new Unsubscribe(Optional.of("desabonnement@imrap-mali.org"),
            Optional.empty(), Optional.of(SECRET));

    @ParameterizedTest
    @CsvSource({
        "01-unsubscribe-by-sender.eml, unsubscribe, awa.traore@example.org, true",
        "02-unsubscribe-by-token.eml, unsubscribe, moussa.keita@example.org, true",
        "03-unsubscribe-forged.eml, unsubscribe, fatoumata.diarra@example.net, false",
        "04-dsn-postfix-hard.eml, bounce, oumar.coulibaly@example.org, true",
        "05-dsn-exim-hard.eml, bounce, aissata.toure@example.net, true",
        "06-dsn-exchange-hard.eml, bounce, boubacar.maiga@example.org, true",
        "07-dsn-gmail-soft.eml, bounce, kadidia.sidibe@example.org, false",
        "08-dsn-gmail-hard.eml, bounce, sekou.dembele@example.net, true",
        "09-out-of-office.eml, auto-reply, , false",
        "10-ordinary.eml, other, , false",
    })
    void classifies(String file, String kind, String email, boolean flag) throws Exception {
        Finding finding = classify(corpus(file));

        switch (kind) {
            case "unsubscribe" -> assertThat(finding).isEqualTo(new Finding.Unsubscribe(email, flag));
            case "bounce" -> assertThat(finding).isInstanceOfSatisfying(Finding.Bounce.class, bounce -> {
                assertThat(bounce.email()).isEqualTo(email);
                assertThat(bounce.permanent()).isEqualTo(flag);
                assertThat(bounce.status()).matches(flag ? "5\\.\\d+\\.\\d+" : "4\\.\\d+\\.\\d+");
            });
            case "auto-reply" -> assertThat(finding).isInstanceOf(Finding.AutoReply.class);
            default -> assertThat(finding).isInstanceOf(Finding.Other.class);
        }
        if (kind.equals("bounce")) {
            // The bounced bulletin's Message-ID: from the returned headers, or (Exim) the returned copy.
            assertThat(((Finding.Bounce) finding).originalId()).hasValue(switch (file.substring(0, 2)) {
                case "04" -> "<bounce-me@imrap-mali.org>";
                case "05" -> "<other-campaign@imrap-mali.org>";
                case "06" -> "<b1@imrap-mali.org>";
                case "07" -> "<k1@imrap-mali.org>";
                default -> "<s1@imrap-mali.org>";
            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "a delay warning (the server still tries) | 07-dsn-gmail-soft.eml | Action: failed | Action: delayed",
        "a report that the message was relayed    | 08-dsn-gmail-hard.eml | Action: failed | Action: relayed",
        "a failure with a 2.x.x status            | 08-dsn-gmail-hard.eml | Status: 5.1.1  | Status: 2.1.5",
    })
    void isNotABounce(String what, String file, String from, String to) throws Exception {
        String report = corpus(file);
        assertThat(report).contains(from);

        assertThat(classify(report.replace(from, to))).isInstanceOf(Finding.Other.class);
    }

    @Test
    void throughAnAliasTheAddressBulletinSentToIsTheOneThatBounced() throws Exception {
        String viaAlias = corpus("08-dsn-gmail-hard.eml").replace("Final-Recipient: rfc822; sekou.dembele@example.net",
                "Original-Recipient: rfc822; sekou@partenaire.example.org\n"
                        + "Final-Recipient: rfc822; sekou.dembele@example.net");

        assertThat(classify(viaAlias)).isInstanceOfSatisfying(Finding.Bounce.class,
                bounce -> assertThat(bounce.email()).isEqualTo("sekou@partenaire.example.org"));
    }

    @Test
    void withAnAuthservIdARequestIsAuthenticOnlyWhenOurServerSaysItsSenderPassed() throws Exception {
        Classifier checking = new Classifier(UNSUBSCRIBE, "imrap-mali.org", Optional.of("mx.imrap-mali.org"));
        String request = corpus("01-unsubscribe-by-sender.eml");
        String passed = "Authentication-Results: mx.imrap-mali.org; spf=pass smtp.mailfrom=example.org; dmarc=pass header.from=example.org\n";
        String forgedHeader = "Authentication-Results: mx.attacker.example; dmarc=pass header.from=example.org\n";
        String failed = "Authentication-Results: mx.imrap-mali.org; dmarc=fail header.from=example.org\n";

        assertThat(checking.classify(message(passed + request)))
                .isEqualTo(new Finding.Unsubscribe("awa.traore@example.org", true));
        assertThat(checking.classify(message(forgedHeader + request)))
                .isEqualTo(new Finding.Unsubscribe("awa.traore@example.org", false));
        assertThat(checking.classify(message(failed + request)))
                .isEqualTo(new Finding.Unsubscribe("awa.traore@example.org", false));
        assertThat(classify(failed + request)).as("dmarc=fail refuses even without an authserv-id")
                .isEqualTo(new Finding.Unsubscribe("awa.traore@example.org", false));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        "spf=pass smtp.mailfrom=awa.traore@example.org; dmarc=none      | true",
        "dkim=pass header.d=example.org; spf=none                       | true",
        "spf=pass smtp.mailfrom=evil.example; dmarc=none                | false",
        "spf=pass smtp.mailfrom=example.org.evil.example; dmarc=none    | false",
        "dkim=pass header.d=evil.example; spf=softfail                  | false",
        "spf=none; dkim=none; dmarc=none                                | false",
    })
    void ourServerMustVouchForTheFromDomainItself(String methods, boolean authentic) throws Exception {
        Classifier checking = new Classifier(UNSUBSCRIBE, "imrap-mali.org", Optional.of("mx.imrap-mali.org"));
        String header = "Authentication-Results: mx.imrap-mali.org; " + methods + "\n";

        assertThat(checking.classify(message(header + corpus("01-unsubscribe-by-sender.eml"))))
                .isEqualTo(new Finding.Unsubscribe("awa.traore@example.org", authentic));
    }

    @Test
    void onlyTheTopmostResultsOfOurServerCount() throws Exception {
        Classifier checking = new Classifier(UNSUBSCRIBE, "imrap-mali.org", Optional.of("mx.imrap-mali.org"));
        // Our server adds its header on top; one lower down with our name was written by the sender.
        String headers = "Authentication-Results: mx.imrap-mali.org; spf=none; dmarc=none\n"
                + "Authentication-Results: mx.imrap-mali.org; dmarc=pass header.from=example.org\n";

        assertThat(checking.classify(message(headers + corpus("01-unsubscribe-by-sender.eml"))))
                .isEqualTo(new Finding.Unsubscribe("awa.traore@example.org", false));
    }

    @Test
    void aTokenIsAuthenticWhoeverSendsIt() throws Exception {
        Classifier checking = new Classifier(UNSUBSCRIBE, "imrap-mali.org", Optional.of("mx.imrap-mali.org"));

        assertThat(checking.classify(message(corpus("02-unsubscribe-by-token.eml"))))
                .isEqualTo(new Finding.Unsubscribe("moussa.keita@example.org", true));
    }

    @Test
    void theRequestAFrenchBulletinComposesIsHonouredAsTheEnglishOneIs() throws Exception {
        String french = "From: Moussa au bureau <m.keita.bureau@example.net>\n"
                + "To: desabonnement@imrap-mali.org\n"
                + "Subject: =?UTF-8?Q?D=C3=A9sabonnement_moussa.keita@example.org?=\n"
                + "MIME-Version: 1.0\n"
                + "Content-Type: text/plain; charset=UTF-8\n\n"
                + "Merci de ne plus m'envoyer ce bulletin.\n\njeton=" + UNSUBSCRIBE.token("moussa.keita@example.org") + "\n";

        assertThat(classify(french)).isEqualTo(new Finding.Unsubscribe("moussa.keita@example.org", true));
        assertThat(classify(corpus("02-unsubscribe-by-token.eml")))
                .isEqualTo(new Finding.Unsubscribe("moussa.keita@example.org", true));
    }

    @Test
    void aBrokenMultipartIsReadAsWellAsCanBeAndNeverThrows() throws Exception {
        String broken = corpus("08-dsn-gmail-hard.eml").replace("--gmail-hard--", "");

        assertThat(classify(broken)).isNotNull();
    }

    private static String corpus(String file) throws Exception {
        return Files.readString(Path.of("src/test/resources/inbox-corpus", file))
                .replace("${TOKEN_MOUSSA}", UNSUBSCRIBE.token("moussa.keita@example.org"))
                .replace("${BOUNCED_ID}", "<bounce-me@imrap-mali.org>");
    }

    private static MimeMessage message(String text) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)));
    }

    private static Finding classify(String text) throws Exception {
        return new Classifier(UNSUBSCRIBE, "imrap-mali.org", Optional.empty()).classify(message(text));
    }
}
