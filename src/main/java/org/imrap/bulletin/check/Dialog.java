package org.imrap.bulletin.check;

import static org.imrap.bulletin.Text.t;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.imrap.bulletin.mail.TlsAnswerException;

/**
 * The check's own connection to a server, line by line: SMTP replies (RFC 5321 §4.2), IMAP and POP3
 * greetings. Nothing is sent that could deliver a message. A line longer than {@link #MAX_LINE} or a
 * reply of more than {@link #MAX_LINES} lines ends the conversation: a server is not trusted to stop.
 */
final class Dialog implements AutoCloseable {
    static final int MAX_LINE = 4096;
    static final int MAX_LINES = 200;

    /** An SMTP reply: its code and its lines, without the code. */
    record Reply(int code, List<String> lines) {
        /** The reply as one line, code included. */
        String text() {
            return code + " " + String.join(" ", lines).strip();
        }
    }

    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private boolean answered;

    Dialog(Socket socket) throws IOException {
        use(socket);
    }

    /** Goes on over {@code upgraded} (the same connection, now TLS). */
    void use(Socket upgraded) throws IOException {
        this.socket = upgraded;
        this.in = new BufferedInputStream(upgraded.getInputStream());
        this.out = upgraded.getOutputStream();
    }

    Socket socket() {
        return socket;
    }

    /** Reads time out after {@code limit}. */
    void limit(Duration limit) throws IOException {
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(1, limit.toMillis())));
    }

    /** The name this client gives in EHLO: its address as a literal (RFC 5321 §4.1.3), as nothing else is certain. */
    String clientName() {
        InetAddress local = socket.getLocalAddress();
        return local instanceof Inet6Address ? "[IPv6:" + local.getHostAddress().replaceAll("%.*", "") + "]"
                : "[" + local.getHostAddress() + "]";
    }

    /** One SMTP reply, all its lines ("250-…" until "250 …"). */
    Reply read() throws IOException {
        List<String> lines = new ArrayList<>();
        while (lines.size() < MAX_LINES) {
            String line = line();
            if (line.length() < 3 || !line.substring(0, 3).chars().allMatch(Character::isDigit)) {
                throw new IOException("not an SMTP reply: " + line);
            }
            lines.add(line.length() > 4 ? line.substring(4) : "");
            if (line.length() == 3 || line.charAt(3) != '-') {
                return new Reply(Integer.parseInt(line.substring(0, 3)), lines);
            }
        }
        throw new IOException("a reply of more than " + MAX_LINES + " lines");
    }

    /** Sends one command and reads its reply. */
    Reply command(String command) throws IOException {
        send(command);
        return read();
    }

    void send(String command) throws IOException {
        out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /**
     * One line, without its line end.
     *
     * @throws TlsAnswerException when the server's first bytes are TLS (a plain-text start at a TLS port)
     */
    String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("the server closed the connection");
            }
            if (!answered && TlsAnswerException.startsTlsRecord(b)) {
                throw new TlsAnswerException(t("smtp.tlsAnswer"));
            }
            answered = true;
            if (line.size() >= MAX_LINE) {
                throw new IOException("a line of more than " + MAX_LINE + " bytes");
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.UTF_8);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing is all there is to do
        }
    }
}
