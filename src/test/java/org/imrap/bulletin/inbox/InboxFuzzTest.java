package org.imrap.bulletin.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.SharedByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.stream.Stream;
import org.imrap.bulletin.config.Unsubscribe;
import org.imrap.bulletin.fuzz.Fuzz;
import org.imrap.bulletin.fuzz.Mutations;
import org.imrap.bulletin.fuzz.Texts;
import org.junit.jupiter.api.Test;

/**
 * The fuzz pass over inbox messages: whatever a message holds, the classifier gives a finding, or
 * the {@code MessagingException}/{@code IOException} that {@code bulletin inbox} reports as an
 * unreadable message; never another exception or an {@code Error}.
 */
class InboxFuzzTest {
    private static final Duration BUDGET = Duration.ofSeconds(3);
    private static final Unsubscribe UNSUBSCRIBE = new Unsubscribe(Optional.of("desabonnement@imrap-mali.org"),
            Optional.empty(), Optional.of(new byte[32]));
    private static final List<Classifier> CLASSIFIERS = List.of(
            new Classifier(UNSUBSCRIBE, "imrap-mali.org", Optional.empty()),
            new Classifier(UNSUBSCRIBE, "imrap-mali.org", Optional.of("mx.imrap-mali.org")));
    private static final Session SESSION = Session.getInstance(new Properties());

    private static List<byte[]> corpus() {
        List<byte[]> messages = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/inbox-corpus"))) {
            for (Path file : files.sorted().toList()) {
                String text = Files.readString(file)
                        .replace("${TOKEN_MOUSSA}", UNSUBSCRIBE.token("moussa.keita@example.org"))
                        .replace("${BOUNCED_ID}", "<bounce-me@imrap-mali.org>");
                messages.add(text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return messages;
    }

    /** As {@code bulletin inbox} reads a fetched message: {@code new MimeMessage(fetched)} parses a shared copy. */
    private static MimeMessage message(byte[] bytes) throws MessagingException {
        return new MimeMessage(SESSION, new SharedByteArrayInputStream(bytes));
    }

    private static void check(byte[] bytes) {
        for (Classifier classifier : CLASSIFIERS) {
            try {
                Finding finding = classifier.classify(message(bytes));
                if (finding instanceof Finding.Bounce bounce) {
                    assertThat(bounce.email()).isNotBlank();
                } else if (finding instanceof Finding.Unsubscribe unsubscribe) {
                    assertThat(unsubscribe.email()).isNotBlank();
                }
            } catch (MessagingException | IOException e) {
                // bulletin inbox counts the message as unreadable, says so, and goes on
            }
        }
    }

    /** Found by the fuzz pass: the address pattern scanned a run without '@' again from each character. */
    @Test
    void aLongRunOfAddressCharactersIsReadInLinearTime() {
        String report = "From: MAILER-DAEMON@mx.example.net\r\nTo: desabonnement@imrap-mali.org\r\n"
                + "Subject: Undelivered Mail Returned to Sender\r\n\r\n550 5.1.1 " + "%0d%0a".repeat(40_000)
                + " awa.traore@example.org\r\n";

        Finding finding = assertTimeoutPreemptively(Duration.ofSeconds(3),
                () -> CLASSIFIERS.get(0).classify(message(report.getBytes(StandardCharsets.UTF_8))));

        assertThat(finding).isInstanceOfSatisfying(Finding.Bounce.class,
                bounce -> assertThat(bounce.email()).isEqualTo("awa.traore@example.org"));
    }

    /** Found by the fuzz pass: each level of a multipart is parsed by scanning all it holds. */
    @Test
    void aMessageNestedThousandsDeepIsReadQuickly() {
        for (boolean returned : new boolean[] {false, true}) {
            StringBuilder nested = new StringBuilder("From: MAILER-DAEMON@mx.example.net\nSubject: Delivery failure\n");
            chain(nested, 5000, returned);

            Finding finding = assertTimeoutPreemptively(Duration.ofSeconds(3), () -> CLASSIFIERS.get(0)
                    .classify(message(nested.toString().replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8))));

            assertThat(finding).as(returned ? "returned messages" : "multiparts").isNotNull();
        }
    }

    /** Found by the fuzz pass: Angus's text handler threw NullPointerException for an unparsable charset. */
    @Test
    void aTextPartWithAnUnparsableCharsetIsReadAsBytes() throws Exception {
        String report = "From: MAILER-DAEMON@mx.example.net\r\nSubject: Undelivered Mail\r\n"
                + "Content-Type: multipart/mixed; boundary=y\r\n\r\n--y\r\nContent-Type: text/plain; =\"\"\r\n\r\n"
                + "550 5.1.1 <awa.traore@example.org>: unknown user\r\n--y--\r\n";

        assertThat(CLASSIFIERS.get(0).classify(message(report.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOfSatisfying(Finding.Bounce.class,
                        bounce -> assertThat(bounce.email()).isEqualTo("awa.traore@example.org"));
    }

    @Test
    void mutatedMessagesAreClassifiedOrReportedUnreadable() {
        List<byte[]> corpus = corpus();
        Fuzz.run("inbox-mutated", 3000, BUDGET,
                random -> Mutations.mutate(random, corpus.get(random.nextInt(corpus.size())), corpus),
                InboxFuzzTest::check);
    }

    @Test
    void generatedMessagesAreClassifiedOrReportedUnreadable() {
        Fuzz.run("inbox-generated", 3000, BUDGET, random -> {
            StringBuilder message = new StringBuilder();
            headers(random, message);
            part(random, message, 0);
            return message.toString().replace("\r\n", "\n").replace("\n", "\r\n").getBytes(
                    random.nextInt(5) == 0 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
        }, InboxFuzzTest::check);
    }

    private static void headers(Random random, StringBuilder message) {
        String[] froms = {"MAILER-DAEMON@mx.example.org", "postmaster@example.net", "awa.traore@example.org",
            "\"Awa\" <awa.traore@example.org>", "<>", "=?UTF-8?B?" + "QQ==" + "?= <a@b.c>", "@", "a@b@c", ""};
        String[] subjects = {"Undelivered Mail Returned to Sender", "Delivery Status Notification (Failure)",
            "unsubscribe", "Re: désabonner awa.traore@example.org", "Réponse automatique", "=?UTF-8?Q?=E9?=",
            "=?bogus?X?zz?=", "Bulletin"};
        message.append("From: ").append(pick(random, froms)).append('\n')
                .append("To: desabonnement@imrap-mali.org").append('\n')
                .append("Subject: ").append(pick(random, subjects)).append(random.nextBoolean() ? "" : Texts.arbitrary(random, 10))
                .append('\n').append("Message-ID: <").append(random.nextInt(1000)).append("@example.org>\n");
        if (random.nextBoolean()) {
            message.append("Authentication-Results: mx.imrap-mali.org; ")
                    .append(pick(random, new String[] {"dmarc=pass", "dmarc=fail", "spf=pass smtp.mailfrom=", "dkim=pass header.d=",
                        ";;;", "(comment"}))
                    .append(Texts.arbitrary(random, random.nextInt(20))).append('\n');
        }
        if (random.nextInt(4) == 0) {
            message.append(pick(random, new String[] {"Auto-Submitted: auto-replied", "Precedence: auto_reply",
                "X-Autoreply: yes"})).append('\n');
        }
        if (random.nextInt(6) == 0) {
            message.append("X-Long: ").append(Mutations.token(random).repeat(1 + random.nextInt(5000))).append('\n');
        }
    }

    /** A part: text, a delivery report, a returned message, a multipart, or a chain of them thousands deep. */
    private static void part(Random random, StringBuilder message, int depth) {
        if (depth == 0 && random.nextInt(10) == 0) {
            chain(message, 1 + random.nextInt(5000), random.nextBoolean());
            return;
        }
        int kind = random.nextInt(depth > 8 ? 3 : 6);
        String boundary = "b" + depth;
        switch (kind) {
            case 0 -> message.append("Content-Type: text/plain; charset=")
                    .append(pick(random, new String[] {"utf-8", "iso-8859-1", "x-unknown", "\"", "utf-7"}))
                    .append('\n').append(random.nextBoolean() ? "Content-Transfer-Encoding: "
                            + pick(random, new String[] {"base64", "quoted-printable", "8bit", "x-uuencode", "bogus"}) + "\n" : "")
                    .append('\n').append(body(random)).append('\n');
            case 1 -> message.append("Content-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.net\n\n")
                    .append(random.nextBoolean() ? "Original-Recipient: rfc822; " : "Final-Recipient: rfc822; ")
                    .append(pick(random, new String[] {"oumar@example.org", "", "<>", Texts.arbitrary(random, 8)}))
                    .append("\nAction: ").append(pick(random, new String[] {"failed", "delayed", "FAILED", ""}))
                    .append("\nStatus: ").append(pick(random, new String[] {"5.1.1", "4.4.1", "5.", "9.9.9", "5.1.1 (x)", ""}))
                    .append("\nDiagnostic-Code: smtp; ").append(Texts.arbitrary(random, random.nextInt(40)))
                    .append(random.nextBoolean() ? "\n  continued" : "").append('\n');
            case 2 -> message.append("Content-Type: text/rfc822-headers\n\nMessage-ID: <")
                    .append(Texts.arbitrary(random, random.nextInt(10))).append(">\n");
            case 3 -> {
                message.append("Content-Type: message/rfc822\n\n");
                headers(random, message);
                part(random, message, depth + 1);
            }
            default -> {
                message.append("Content-Type: multipart/").append(random.nextBoolean() ? "report; report-type=delivery-status"
                        : "mixed").append("; boundary=\"").append(boundary).append("\"\n\n");
                int children = random.nextInt(4);
                for (int i = 0; i < children; i++) {
                    message.append("--").append(boundary).append('\n');
                    part(random, message, depth + 1);
                }
                if (random.nextInt(8) != 0) {
                    message.append("--").append(boundary).append("--\n");
                }
            }
        }
    }

    /** Multiparts or returned messages inside one another, {@code levels} deep. */
    private static void chain(StringBuilder message, int levels, boolean returned) {
        for (int level = 0; level < levels; level++) {
            if (returned) {
                message.append("Content-Type: message/rfc822\n\nFrom: a@b.c\nSubject: x\n");
            } else {
                message.append("Content-Type: multipart/mixed; boundary=\"l").append(level).append("\"\n\n--l")
                        .append(level).append('\n');
            }
        }
        message.append("Content-Type: text/plain\n\n5.1.1 oumar@example.org\n");
        for (int level = levels - 1; level >= 0 && !returned; level--) {
            message.append("--l").append(level).append("--\n");
        }
    }

    private static String body(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> "The following address failed: aissata.toure@example.net\nSMTP error 550 5.1.1 unknown user\n";
            case 1 -> Texts.arbitrary(random, random.nextInt(300));
            case 2 -> "token=" + Texts.words(random, 1) + "\nMessage-ID: <x@imrap-mali.org>\n";
            default -> Mutations.token(random).repeat(1 + random.nextInt(3000));
        };
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }
}
