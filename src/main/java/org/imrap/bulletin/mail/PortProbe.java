package org.imrap.bulletin.mail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/**
 * What a port speaks, found on a connection of its own that carries nothing but a TLS hello: TLS from
 * the first byte (implicit TLS, RFC 8314: 465, 993, 995), or plain text first (587, 25, 143, 110 — where
 * TLS, if any, starts with STARTTLS). Used when a connection failed in a way that points to the wrong
 * {@code security} for the port, to say which one it is.
 */
public final class PortProbe {
    /** What a port answered to a TLS hello. */
    public enum Speaks {
        /** It answered TLS: a certificate, or a TLS alert. */
        TLS,
        /** It answered in plain text (a server greeting). */
        PLAIN,
        /** No answer in time, or a failure that says neither. */
        UNKNOWN
    }

    private PortProbe() {
    }

    /** Says whether {@code address} speaks TLS from the first byte; {@code host} is the name to ask the certificate for. */
    public static Speaks probe(InetSocketAddress address, String host, Duration timeout, Tls tls) {
        Tls recording = tls.recording();
        try (Socket socket = new Socket()) {
            socket.connect(address, (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            try {
                recording.handshake(socket, host).close();
                return Speaks.TLS;
            } catch (IOException e) {
                if (recording.shown().isPresent()) {
                    return Speaks.TLS;  // it showed a certificate: TLS, whatever the verdict on it
                }
                TlsProblem problem = TlsProblem.of(e);
                if (problem == TlsProblem.PLAIN_TEXT) {
                    return Speaks.PLAIN;
                }
                return String.valueOf(e.getMessage()).contains("Received fatal alert") ? Speaks.TLS : Speaks.UNKNOWN;
            }
        } catch (IOException e) {
            return Speaks.UNKNOWN;
        }
    }
}
