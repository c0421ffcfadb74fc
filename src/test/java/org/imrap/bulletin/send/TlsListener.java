package org.imrap.bulletin.send;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A port on 127.0.0.1 that speaks TLS from the first byte (as 465 does) and nothing else: a client that
 * starts in plain text gets silence — the TLS server waits for a hello — or, {@link #alertAtOnce}, a TLS
 * alert record straight away, as some servers answer. A TLS client completes the handshake and gets
 * an SMTP greeting.
 */
public final class TlsListener implements AutoCloseable {
    /** A TLS alert record (RFC 8446 §5.1, §6): content type 21, TLS 1.2 record version, fatal, protocol_version. */
    private static final byte[] ALERT = {21, 3, 3, 0, 2, 2, 70};

    private final ServerSocket listener;
    private final SSLContext tls;
    private final List<Socket> clients = new CopyOnWriteArrayList<>();
    private volatile boolean alert;

    public TlsListener(SSLContext tls) throws IOException {
        this.tls = tls;
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "tls-listener");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Answers every connection with a TLS alert at once instead of waiting for a hello. */
    public TlsListener alertAtOnce() {
        alert = true;
        return this;
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                clients.add(socket);
                Thread thread = new Thread(() -> serve(socket), "tls-listener-client");
                thread.setDaemon(true);
                thread.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            if (alert) {
                socket.getOutputStream().write(ALERT);
                socket.getOutputStream().flush();
                return;
            }
            SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(socket, null, socket.getPort(), true);
            ssl.setUseClientMode(false);
            ssl.startHandshake();
            OutputStream out = ssl.getOutputStream();
            out.write("220 tls.test ESMTP\r\n".getBytes());
            out.flush();
            ssl.getInputStream().read(new byte[512]);
        } catch (IOException e) {
            // the client went away, or spoke plain text
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket client : clients) {
            client.close();
        }
    }
}
