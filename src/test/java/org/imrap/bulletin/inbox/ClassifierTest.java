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
        String text = Files.readString(Path.of("src/test/resources/inbox-corpus", file))
                .replace("${TOKEN_MOUSSA}", UNSUBSCRIBE.token("moussa.keita@example.org"))
                .replace("${BOUNCED_ID}", "<bounce-me@imrap-mali.org>");
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)));

        Finding finding = new Classifier(UNSUBSCRIBE, "imrap-mali.org").classify(message);

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
        if (file.startsWith("04")) {
            assertThat(((Finding.Bounce) finding).originalId()).hasValue("<bounce-me@imrap-mali.org>");
        }
    }
}
