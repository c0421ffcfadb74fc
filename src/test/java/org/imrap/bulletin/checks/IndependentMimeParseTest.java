package org.imrap.bulletin.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.TextBody;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.stream.MimeConfig;
import org.imrap.bulletin.SampleWorkspace;
import org.imrap.bulletin.cli.CliRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every message of the sample bulletin, read back by Apache mime4j in strict mode — a parser that is not
 * the Jakarta Mail that wrote them: as the sandbox keeps them (quoted-printable: it does not offer
 * 8BITMIME), and as a server that offers 8BITMIME receives them (8bit, RFC 6152).
 */
class IndependentMimeParseTest {
    private static final List<String> ONCE = List.of("Date", "From", "To", "Subject", "Message-ID", "MIME-Version",
            "Content-Type", "List-Id", "List-Unsubscribe", "Precedence", "Feedback-ID");

    @TempDir
    static Path dir;
    @TempDir
    static Path eightBitDir;
    /** The messages by their transfer encoding: quoted-printable and 8bit. */
    static Map<String, List<Path>> messagesByEncoding = new java.util.HashMap<>();
    static List<String> eightBitEnvelopes;
    static Map<String, String> names;

    @BeforeAll
    static void sendTheSampleToTheSandboxAndToAServerThatTakes8Bit() throws IOException {
        SampleWorkspace.copyTo(dir);
        CliRun run = CliRun.run("--workspace", dir.toString(), "send", "--month", "2022-08");
        assertThat(run.exitCode()).as(run.all()).isZero();
        try (Stream<Path> files = Files.list(dir.resolve("out/sandbox/2022-08"))) {
            messagesByEncoding.put("quoted-printable", files.sorted().toList());
        }
        SampleWorkspace.copyTo(eightBitDir);
        try (org.imrap.bulletin.send.FaultySmtpServer server = new org.imrap.bulletin.send.FaultySmtpServer()) {
            CliRun sent = CliRun.run("--workspace", eightBitDir.toString(), "send", "--month", "2022-08", "--yes",
                    "--smtp-host", "127.0.0.1", "--smtp-port", String.valueOf(server.port()), "--smtp-security", "none");
            assertThat(sent.exitCode()).as(sent.all()).isZero();
            List<Path> files = new ArrayList<>();
            for (org.imrap.bulletin.send.FaultySmtpServer.Received message : server.received()) {
                Path file = eightBitDir.resolve("received-" + files.size() + ".eml");
                Files.write(file, message.data().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                files.add(file);
            }
            messagesByEncoding.put("8bit", files);
            eightBitEnvelopes = server.mailCommands();
        }
        names = new java.util.HashMap<>();
        for (String list : new String[] {"partners", "donors", "authorities"}) {
            for (String line : Files.readAllLines(dir.resolve("recipients/" + list + ".csv")).subList(1, 13)) {
                String[] values = line.replace("\uFEFF", "").split(list.equals("donors") ? ";" : ",");
                names.put(values[0], values[1]);
            }
        }
    }

    private static Message parse(Path file) throws IOException {
        DefaultMessageBuilder builder = new DefaultMessageBuilder();
        builder.setMimeEntityConfig(MimeConfig.STRICT);
        builder.setDecodeMonitor(DecodeMonitor.STRICT);
        try (InputStream in = Files.newInputStream(file)) {
            return builder.parseMessage(in);
        }
    }

    private static String text(Entity entity) throws IOException {
        try (Reader reader = ((TextBody) entity.getBody()).getReader()) {
            StringBuilder out = new StringBuilder();
            char[] buffer = new char[4096];
            for (int n; (n = reader.read(buffer)) > 0; ) {
                out.append(buffer, 0, n);
            }
            return out.toString();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"quoted-printable", "8bit"})
    void everyMessageParsesStrictlyWithEachRequiredHeaderOnce(String encoding) throws IOException {
        List<Path> messages = messagesByEncoding.get(encoding);
        assertThat(messages).hasSize(34);
        for (Path file : messages) {
            Message message = parse(file);
            for (String header : ONCE) {
                assertThat(message.getHeader().getFields(header)).as(header + " in " + file.getFileName()).hasSize(1);
            }
            assertThat(message.getHeader().getField("List-Unsubscribe").getBody())
                    .startsWith("<mailto:desabonnement@imrap-mali.org?subject=d%C3%A9sabonnement%20");
            assertThat(message.getHeader().getField("Precedence").getBody()).isEqualTo("bulk");
            assertThat(message.getMessageId()).endsWith("@imrap-mali.org>");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"quoted-printable", "8bit"})
    void subjectAndNamesDecodeToTheOriginalFrench(String encoding) throws IOException {
        for (Path file : messagesByEncoding.get(encoding)) {
            Message message = parse(file);
            assertThat(message.getSubject()).isEqualTo("Bulletin d'information de l'IMRAP – août 2022");
            assertThat(((Mailbox) message.getFrom().get(0)).getName()).isEqualTo("IMRAP – Bulletin d'information");
            Mailbox to = (Mailbox) message.getTo().get(0);
            assertThat(to.getName()).as(file.getFileName().toString()).isEqualTo(names.get(to.getAddress()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"quoted-printable", "8bit"})
    void bothAlternativesArePresentInUtf8InTheirEncodingAndReadWell(String encoding) throws IOException {
        for (Path file : messagesByEncoding.get(encoding)) {
            Message message = parse(file);
            assertThat(message.getMimeType()).isEqualTo("multipart/alternative");
            List<Entity> parts = ((Multipart) message.getBody()).getBodyParts();
            assertThat(parts).extracting(Entity::getMimeType).containsExactly("text/plain", "text/html");
            for (Entity part : parts) {
                assertThat(part.getCharset()).isEqualToIgnoringCase("UTF-8");
                assertThat(part.getContentTransferEncoding()).isEqualTo(encoding);
            }
            assertThat(text(parts.get(0))).contains("SÉGOU", "Badalabougou-Est", "desabonnement@imrap-mali.org");
            assertThat(text(parts.get(1))).contains("<html lang=\"fr\"", "name=\"color-scheme\"", "Se désabonner", "KANGABA")
                    .doesNotContainIgnoringCase("<script");
        }
    }

    @Test
    void eightBitMessagesSayBody8BitMimeInTheirEnvelope() {
        assertThat(eightBitEnvelopes).hasSize(34).allSatisfy(mail -> assertThat(mail).endsWith(" BODY=8BITMIME"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"quoted-printable", "8bit"})
    void noLineIsLongerThan998BytesAndEveryLineEndsInCrLf(String encoding) throws IOException {
        for (Path file : messagesByEncoding.get(encoding)) {
            byte[] bytes = Files.readAllBytes(file);
            List<Integer> lengths = new ArrayList<>();
            int start = 0;
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] == '\n') {
                    assertThat(i).as("a bare LF in " + file.getFileName()).isGreaterThan(0);
                    assertThat(bytes[i - 1]).as("a bare LF in " + file.getFileName()).isEqualTo((byte) '\r');
                    lengths.add(i - 1 - start);
                    start = i + 1;
                }
            }
            assertThat(lengths.stream().mapToInt(Integer::intValue).max().orElse(0)).as(file.getFileName().toString())
                    .isLessThanOrEqualTo(998);
            String headers = new String(bytes, 0, indexOf(bytes, "\r\n\r\n"), java.nio.charset.StandardCharsets.ISO_8859_1);
            assertThat(headers.chars()).as("headers are ASCII").allMatch(c -> c < 0x80);
            assertThat(headers.lines().collect(Collectors.toList()))
                    .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(998));
        }
    }

    private static int indexOf(byte[] bytes, String text) {
        byte[] wanted = text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + wanted.length <= bytes.length; i++) {
            for (int j = 0; j < wanted.length; j++) {
                if (bytes[i + j] != wanted[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return bytes.length;
    }
}
