package org.imrap.bulletin.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.imrap.bulletin.config.Security;
import org.imrap.bulletin.config.Sender;
import org.imrap.bulletin.config.SmtpSettings;
import org.imrap.bulletin.recipients.Recipient;
import org.imrap.bulletin.render.RenderedMessage;
import org.junit.jupiter.api.Test;

/**
 * Pipelined refusals (RFC 2920) that FaultySmtpServer does not make: a server that refuses the sender
 * and drops the connection before answering the rest of the group, and one that answers DATA with 354
 * although it refused the only recipient; and a message whose content cannot be written while the last chunk of
 * the one before it (CHUNKING, RFC 3030) still waits to go with it.
 */
class PipeliningTest {
    private static final Sender SENDER = new Sender("IMRAP", "bulletin@imrap-mali.org");
    private static final Recipient AWA = new Recipient("awa.traore@example.org", "Awa Traoré", "partners", Map.of());

    /** One SMTP session on 127.0.0.1, answered by {@code script} after the greeting and EHLO; every line it read is kept. */
    private record ScriptedServer(ServerSocket listener, List<String> lines, CompletableFuture<Void> done)
            implements AutoCloseable {

        interface Script {
            void run(Socket socket, BufferedReader in, OutputStream out) throws IOException;
        }

        static ScriptedServer start(Script script) throws IOException {
            return start("250 PIPELINING", script);
        }

        static ScriptedServer start(String extensions, Script script) throws IOException {
            ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            List<String> lines = new CopyOnWriteArrayList<>();
            CompletableFuture<Void> done = CompletableFuture.runAsync(() -> {
                try (Socket socket = listener.accept()) {
                    BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                            StandardCharsets.UTF_8)) {
                        @Override
                        public String readLine() throws IOException {
                            String line = super.readLine();
                            lines.add(String.valueOf(line));
                            return line;
                        }
                    };
                    OutputStream out = socket.getOutputStream();
                    reply(out, "220 scripted.test ESMTP");
                    in.readLine();
                    pause();  // some way off, as a provider's server is: not "near" (TrackingTransport.NEAR)
                    reply(out, "250-scripted.test\r\n" + extensions);
                    script.run(socket, in, out);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            return new ScriptedServer(listener, lines, done);
        }

        /** MAIL FROM, RCPT TO and DATA, which a pipelining client sends in one go. */
        static void readGroup(BufferedReader in) throws IOException {
            for (int i = 0; i < 3; i++) {
                in.readLine();
            }
        }

        static void reply(OutputStream out, String text) throws IOException {
            out.write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        @Override
        public void close() throws IOException {
            listener.close();
        }
    }

    private static Delivery sendTo(ScriptedServer server) {
        SmtpSettings settings = new SmtpSettings("127.0.0.1", server.listener().getLocalPort(), Security.NONE,
                Optional.empty(), Optional.empty(), Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5));
        MessageBuilder builder = new MessageBuilder(SENDER, Clock.fixed(Instant.parse("2022-09-01T07:00:00Z"), ZoneOffset.UTC));
        MimeMessage message = builder.build(new RenderedMessage("Bulletin", "<p>Bonjour</p>", "Bonjour"), AWA);
        try (SmtpConnection connection = new SmtpConnection(settings, SENDER.email(), Optional.empty(), Optional.empty())) {
            connection.connect();
            return connection.send(message);
        }
    }

    @Test
    void aSenderRefusedBeforeTheConnectionIsDroppedIsStillASenderRefusal() throws Exception {
        try (ScriptedServer server = ScriptedServer.start((socket, in, out) -> {
            ScriptedServer.readGroup(in);
            ScriptedServer.reply(out, "550 5.7.1 Sender refused");
            socket.setSoLinger(true, 0);  // dropped at once (RST), the other replies never come
        })) {
            Delivery delivery = sendTo(server);

            server.done().get(10, TimeUnit.SECONDS);
            assertThat(server.lines()).anySatisfy(line -> assertThat(line).startsWith("MAIL FROM:"));
            assertThat(delivery.stage()).as(delivery.toString()).isEqualTo(Delivery.Stage.SENDER);
            assertThat(delivery.status()).isEqualTo(Status.FAILED);
            assertThat(delivery.reply()).contains("550 5.7.1 Sender refused");
        }
    }

    @Test
    void aDataAcceptedAfterTheOnlyRecipientWasRefusedIsEndedAtOnceAndTheRecipientIsRefused() throws Exception {
        try (ScriptedServer server = ScriptedServer.start((socket, in, out) -> {
            ScriptedServer.readGroup(in);
            ScriptedServer.reply(out, "250 2.1.0 OK\r\n550 5.1.1 No such user\r\n354 Go ahead (wrongly)");
            String next = in.readLine();
            ScriptedServer.reply(out, ".".equals(next) ? "554 5.5.1 No valid recipients" : "500 expected the dot");
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                ScriptedServer.reply(out, line.startsWith("QUIT") ? "221 Bye" : "250 OK");
                if (line.startsWith("QUIT")) {
                    return;
                }
            }
        })) {
            Delivery delivery = sendTo(server);

            server.done().get(10, TimeUnit.SECONDS);
            assertThat(delivery.stage()).as(delivery.toString()).isEqualTo(Delivery.Stage.RECIPIENT);
            assertThat(delivery.status()).isEqualTo(Status.FAILED);
            assertThat(delivery.reply()).contains("550 5.1.1 No such user");
            List<String> lines = server.lines();
            int data = lines.indexOf("DATA");
            assertThat(lines.get(data + 1)).as("the empty message ended at once, nothing of the body sent").isEqualTo(".");
            assertThat(lines).noneMatch(line -> line.contains("Bonjour"));
        }
    }

    @Test
    void aHeldLastChunkThatNeverLeftIsReportedNotSentAndNotUncertain() throws Exception {
        try (ScriptedServer server = ScriptedServer.start("250-PIPELINING\r\n250 CHUNKING", (socket, in, out) -> {
            // The first message: MAIL, RCPT and its content as a chunk that is not the last.
            in.readLine();
            in.readLine();
            String bdat = in.readLine();
            long size = Long.parseLong(bdat.split(" ")[1]);
            for (long read = 0; read < size; ) {
                read += in.readLine().length() + 2;  // the sample message is ASCII: a character is a byte
            }
            pause();  // a distant server: its last chunk may wait for the next message
            ScriptedServer.reply(out, "250 2.1.0 OK\r\n250 2.1.5 OK\r\n250 2.0.0 " + size + " octets");
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                ScriptedServer.reply(out, line.startsWith("QUIT") ? "221 Bye" : "250 OK");
            }
        })) {
            SmtpSettings settings = new SmtpSettings("127.0.0.1", server.listener().getLocalPort(), Security.NONE,
                    Optional.empty(), Optional.empty(), Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5));
            MessageBuilder builder = new MessageBuilder(SENDER, Clock.fixed(Instant.parse("2022-09-01T07:00:00Z"), ZoneOffset.UTC));
            MimeMessage first = builder.build(new RenderedMessage("Bulletin", "<p>Bonjour</p>", "Bonjour"), AWA);
            MimeMessage unwritable = new MimeMessage(builder.build(new RenderedMessage("Bulletin", "<p>Bonjour</p>", "Bonjour"), AWA)) {
                @Override
                public void writeTo(OutputStream out, String[] ignore) throws IOException {
                    throw new IOException("cannot write this message");
                }
            };
            List<Delivery> late = new CopyOnWriteArrayList<>();
            Optional<Delivery> second;
            try (SmtpConnection connection = new SmtpConnection(settings, SENDER.email(), Optional.empty(), Optional.empty())) {
                connection.connect();
                connection.lateOutcomes(late::add);
                assertThat(connection.sendPipelined(first, () -> { })).as("its last chunk waits for the next message").isEmpty();
                second = connection.sendPipelined(unwritable, () -> { });
            }

            assertThat(late).as("the first message's outcome is reported, not dropped").singleElement().satisfies(delivery -> {
                assertThat(delivery.status()).isEqualTo(Status.DEFERRED);
                assertThat(delivery.stage()).as("its last chunk never left: not uncertain, it may go again")
                        .isEqualTo(Delivery.Stage.CONNECTION);
            });
            assertThat(second).get().satisfies(delivery -> assertThat(delivery.status()).isEqualTo(Status.DEFERRED));
            server.done().get(10, TimeUnit.SECONDS);
            assertThat(server.lines()).noneMatch(line -> line.startsWith("BDAT 0 LAST"));
        }
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
