package org.imrap.bulletin.mail;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import javax.net.SocketFactory;

/**
 * Plain sockets with TCP_NODELAY. Angus writes a message in several small pieces; with Nagle's
 * algorithm the last piece waits for the server's delayed ACK, about 40 ms per message on a reused
 * connection. Angus has no property for it, but takes a socket factory ({@code mail.smtp.socketFactory}).
 * With a write limit, the sockets it makes unconnected (as Angus asks) limit each write through
 * {@link WriteWatchdog}; TLS started on them (STARTTLS) writes through that limit too.
 */
public final class NoDelaySocketFactory extends SocketFactory {
    private final Duration writeLimit;

    /** Sockets without a write limit. */
    public NoDelaySocketFactory() {
        this(Duration.ZERO);
    }

    /** Sockets whose writes fail after {@code writeLimit} without progress (zero: no limit). */
    public NoDelaySocketFactory(Duration writeLimit) {
        this.writeLimit = writeLimit;
    }

    @Override
    public Socket createSocket() throws IOException {
        Socket socket = writeLimit.isZero() ? new Socket() : new WatchedSocket(writeLimit);
        socket.setTcpNoDelay(true);
        return socket;
    }

    /** A socket whose output stream is watched for writes that make no progress. */
    private static final class WatchedSocket extends Socket {
        private final Duration writeLimit;
        private OutputStream output;

        WatchedSocket(Duration writeLimit) {
            this.writeLimit = writeLimit;
        }

        @Override
        public synchronized OutputStream getOutputStream() throws IOException {
            if (output == null) {
                output = WriteWatchdog.watch(this, super.getOutputStream(), writeLimit);
            }
            return output;
        }

        @Override
        public synchronized void close() throws IOException {
            if (output != null) {
                WriteWatchdog.forget(output);
            }
            super.close();
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
