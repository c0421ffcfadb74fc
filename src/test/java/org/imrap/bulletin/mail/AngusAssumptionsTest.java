package org.imrap.bulletin.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.junit.jupiter.api.Test;

/**
 * What {@link TrackingTransport} relies on in Angus's {@link SMTPTransport} (its class comment lists it), checked
 * on Angus itself: an upgrade that changes one of these fails here, by name, instead of sending differently.
 */
class AngusAssumptionsTest {
    /** The version TrackingTransport was written against; a new one: read its SMTPTransport, then change this. */
    private static final String WRITTEN_AGAINST = "2.0.3";

    /** Angus's transport, recording the protected calls it makes into itself and the message written. */
    private static final class Recording extends SMTPTransport {
        final List<String> calls = new CopyOnWriteArrayList<>();
        final ByteArrayOutputStream content = new ByteArrayOutputStream();

        Recording(Session session, int port) {
            super(session, new URLName("smtp", "127.0.0.1", port, null, null, null), "smtp", false);
        }

        @Override
        protected void mailFrom() throws MessagingException {
            calls.add("mailFrom");
            super.mailFrom();
        }

        @Override
        protected void rcptTo() throws MessagingException {
            calls.add("rcptTo");
            super.rcptTo();
        }

        @Override
        protected OutputStream data() {
            calls.add("data");
            return new FilterOutputStream(content) {
                @Override
                public void write(int b) throws IOException {
                    if (content.size() == 0) {
                        calls.add("message written");
                    }
                    super.write(b);
                }
            };
        }

        @Override
        protected void finishData() {
            calls.add("finishData");
        }

        @Override
        protected void sendCommand(String command) throws MessagingException {
            calls.add("sendCommand " + command.split("[: ]")[0]);
            super.sendCommand(command);
        }

        @Override
        protected int readServerResponse() throws MessagingException {
            int code = super.readServerResponse();
            calls.add("read " + code);
            return code;
        }

        synchronized void command(String command) throws MessagingException {
            super.sendCommand(command);
        }

        synchronized int reply() throws MessagingException {
            return super.readServerResponse();
        }
    }

    /**
     * A server that offers CHUNKING and PIPELINING, answers 250 to every line it reads after EHLO, and keeps
     * every byte; it closes the connection when a line is "CLOSE".
     */
    private record Server(ServerSocket listener, ByteArrayOutputStream bytes, CompletableFuture<Void> done)
            implements AutoCloseable {
        static Server start() throws IOException {
            ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CompletableFuture<Void> done = CompletableFuture.runAsync(() -> {
                try (Socket socket = listener.accept()) {
                    InputStream in = socket.getInputStream();
                    OutputStream out = socket.getOutputStream();
                    out.write("220 angus.test ESMTP\r\n".getBytes(StandardCharsets.US_ASCII));
                    boolean greeted = false;
                    for (String line = line(in, bytes); line != null && !line.equals("CLOSE"); line = line(in, bytes)) {
                        out.write((greeted ? "250 OK\r\n" : "250-angus.test\r\n250-PIPELINING\r\n250 CHUNKING\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                        greeted = true;
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            return new Server(listener, bytes, done);
        }

        private static String line(InputStream in, ByteArrayOutputStream kept) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = in.read(); b >= 0; b = in.read()) {
                synchronized (kept) {
                    kept.write(b);
                }
                if (b == '\n') {
                    return line.toString(StandardCharsets.ISO_8859_1).strip();
                }
                line.write(b);
            }
            return null;
        }

        byte[] received() {
            synchronized (bytes) {
                return bytes.toByteArray();
            }
        }

        @Override
        public void close() throws IOException {
            listener.close();
        }
    }

    private static Recording connect(Server server) throws MessagingException {
        Properties properties = new Properties();
        properties.put("mail.smtp.from", "bulletin@imrap-mali.org");
        Recording transport = new Recording(Session.getInstance(properties), server.listener().getLocalPort());
        transport.connect("127.0.0.1", server.listener().getLocalPort(), null, null);
        return transport;
    }

    @Test
    void theAngusOnTheClassPathIsTheVersionTrackingTransportWasWrittenAgainst() throws Exception {
        String jar = SMTPTransport.class.getProtectionDomain().getCodeSource().getLocation().getPath();
        try (JarFile file = new JarFile(jar)) {
            assertThat(file.getManifest().getMainAttributes().getValue("Bundle-Version"))
                    .as("Angus Mail changed: check TrackingTransport's overrides against its SMTPTransport, "
                            + "then this test's assumptions, then WRITTEN_AGAINST and TrackingTransport's comment")
                    .isEqualTo(WRITTEN_AGAINST);
        }
    }

    @Test
    void sendMessageCallsMailFromRcptToDataThenFinishDataAndNothingElseWithoutAChunkSize() throws Exception {
        try (Server server = Server.start()) {
            Recording transport = connect(server);
            transport.calls.clear();
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
            message.setFrom("bulletin@imrap-mali.org");
            message.setRecipient(Message.RecipientType.TO, new InternetAddress("awa.traore@example.org"));
            message.setText("Bonjour");

            transport.sendMessage(message, message.getAllRecipients());

            assertThat(transport.calls).as("each command sent and each reply read through the protected methods, "
                            + "DATA left to data(), nothing after finishData(), no BDAT of Angus's own")
                    .containsExactly("mailFrom", "sendCommand MAIL", "read 250", "rcptTo", "sendCommand RCPT", "read 250",
                            "data", "message written", "finishData");
            assertThat(transport.content.toString(StandardCharsets.US_ASCII)).contains("Bonjour");
            transport.command("CLOSE");
            server.done().get(10, TimeUnit.SECONDS);
            assertThat(new String(server.received(), StandardCharsets.US_ASCII))
                    .contains("MAIL FROM:<bulletin@imrap-mali.org>", "RCPT TO:<awa.traore@example.org>")
                    .doesNotContain("DATA", "BDAT", "Bonjour");
        }
    }

    @Test
    void sendCommandWritesEachCharacterAsOneByteThenCrLfAndTheEndOfTheStreamReadsAsMinusOne() throws Exception {
        try (Server server = Server.start()) {
            Recording transport = connect(server);
            StringBuilder everyByte = new StringBuilder();
            for (char c = 0; c < 256; c++) {
                if (c != '\r' && c != '\n') {
                    everyByte.append(c);
                }
            }
            int before = server.received().length;

            transport.command(everyByte.toString());
            assertThat(transport.reply()).isEqualTo(250);
            transport.command("CLOSE");
            server.done().get(10, TimeUnit.SECONDS);

            byte[] received = server.received();
            byte[] expected = (everyByte + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
            assertThat(java.util.Arrays.copyOfRange(received, before, before + expected.length))
                    .as("the bytes of a chunk pass through sendCommand(String) unchanged").isEqualTo(expected);
            assertThat(transport.reply()).as("a connection closed where a reply should be").isEqualTo(-1);
        }
    }
}
