package org.imrap.bulletin.mail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import javax.net.SocketFactory;

/**
 * Plain sockets with TCP_NODELAY. Angus writes a message in several small pieces; with Nagle's
 * algorithm the last piece waits for the server's delayed ACK, about 40 ms per message on a reused
 * connection. Angus has no property for it, but takes a socket factory ({@code mail.smtp.socketFactory}).
 * With time limits, the sockets it makes unconnected (as Angus asks) limit each read and each write
 * through {@link SocketWatchdog}; TLS started on them (STARTTLS) reads and writes through those limits too.
 */
public final class NoDelaySocketFactory extends SocketFactory {
    private final Duration greetingLimit;
    private final Duration readLimit;
    private final Duration writeLimit;

    /** Sockets without time limits. */
    public NoDelaySocketFactory() {
        this(Duration.ZERO, Duration.ZERO);
    }

    /** Sockets whose reads fail after {@code readLimit} without data, and writes after {@code writeLimit} without progress (zero: no limit). */
    public NoDelaySocketFactory(Duration readLimit, Duration writeLimit) {
        this(readLimit, readLimit, writeLimit);
    }

    /**
     * The same, but the first read — the server's greeting — fails after {@code greetingLimit} (the
     * connect timeout) with a {@link GreetingTimeoutException}: a plain-text client at a port that
     * expects TLS from the first byte waits for a greeting that never comes, and should not wait 60 s
     * to learn it.
     */
    public NoDelaySocketFactory(Duration greetingLimit, Duration readLimit, Duration writeLimit) {
        this.greetingLimit = greetingLimit;
        this.readLimit = readLimit;
        this.writeLimit = writeLimit;
    }

    /** Its limits, for a test that pins the session properties. */
    @Override
    public String toString() {
        return "NoDelaySocketFactory(greeting " + greetingLimit.toMillis() + " ms, read " + readLimit.toMillis()
                + " ms, write " + writeLimit.toMillis() + " ms)";
    }

    @Override
    public Socket createSocket() throws IOException {
        Socket socket = readLimit.isZero() && writeLimit.isZero() ? new Socket()
                : new WatchedSocket(greetingLimit, readLimit, writeLimit);
        socket.setTcpNoDelay(true);
        return socket;
    }

    /** A socket whose streams are watched for reads and writes that wait too long. */
    private static final class WatchedSocket extends Socket {
        private final Duration greetingLimit;
        private final Duration readLimit;
        private final Duration writeLimit;
        private InputStream input;
        private OutputStream output;

        WatchedSocket(Duration greetingLimit, Duration readLimit, Duration writeLimit) {
            this.greetingLimit = greetingLimit;
            this.readLimit = readLimit;
            this.writeLimit = writeLimit;
        }

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (input == null) {
                input = readLimit.isZero() ? super.getInputStream()
                        : SocketWatchdog.watchReads(this, super.getInputStream(), greetingLimit, readLimit);
                if (!greetingLimit.equals(readLimit)) {
                    input = new GreetingCheck(input);
                }
            }
            return input;
        }

        @Override
        public synchronized OutputStream getOutputStream() throws IOException {
            if (output == null) {
                output = writeLimit.isZero() ? super.getOutputStream()
                        : SocketWatchdog.watchWrites(this, super.getOutputStream(), writeLimit);
            }
            return output;
        }

        @Override
        public synchronized void close() throws IOException {
            SocketWatchdog.forget(this);
            super.close();
        }
    }

    /** Fails the first read with a {@link TlsAnswerException} when the server's first bytes are TLS, not a greeting. */
    private static final class GreetingCheck extends java.io.FilterInputStream {
        private boolean first = true;

        GreetingCheck(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            check(b);
            return b;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            int n = super.read(bytes, offset, length);
            if (n > 0) {
                check(bytes[offset] & 0xFF);
            }
            return n;
        }

        private void check(int firstByte) throws IOException {
            if (first && firstByte >= 0) {
                first = false;
                if (TlsAnswerException.startsTlsRecord(firstByte)) {
                    throw new TlsAnswerException(org.imrap.bulletin.Text.t("smtp.tlsAnswer"));
                }
            }
        }
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return noDelay(new Socket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return noDelay(new Socket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return noDelay(new Socket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return noDelay(new Socket(address, port, localAddress, localPort));
    }

    private static Socket noDelay(Socket socket) throws IOException {
        socket.setTcpNoDelay(true);
        return socket;
    }
}
