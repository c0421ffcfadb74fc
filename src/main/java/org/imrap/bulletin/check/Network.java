package org.imrap.bulletin.check;

import static org.imrap.bulletin.Text.t;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javax.net.ssl.SSLSocket;
import org.imrap.bulletin.mail.Tls;
import org.imrap.bulletin.mail.TlsProblem;

/**
 * The steps every server connection takes, SMTP or the mailbox: the host name in DNS, the TCP
 * connection, and TLS (the certificate, the host name on it, the protocol) — each reported as it goes.
 */
final class Network {
    private final Dns dns;
    private final Tls tls;
    private final Progress progress;

    Network(Dns dns, Tls tls, Progress progress) {
        this.dns = dns;
        this.tls = tls;
        this.progress = progress;
    }

    Tls tls() {
        return tls;
    }

    /** The address a connection goes to, or empty (reported) when the name is unknown. */
    Optional<InetSocketAddress> resolve(String host, int port, String hostSetting) {
        String what = t("check.step.dns");
        try {
            List<InetAddress> addresses = dns.addresses(host);
            if (addresses.isEmpty()) {
                throw new UnknownHostException(host);
            }
            List<String> shown = addresses.stream().map(InetAddress::getHostAddress).toList();
            progress.ok(what, shown.equals(List.of(host)) ? t("check.dns.literal", host)
                    : t("check.dns.ok", host, String.join(", ", shown)));
            return Optional.of(new InetSocketAddress(addresses.get(0), port));
        } catch (UnknownHostException e) {
            progress.failed(what, t("check.dns.unknown", host), t("check.dns.unknown.hint", hostSetting));
            return Optional.empty();
        }
    }

    /** A TCP connection, or empty (reported) when none could be made within {@code timeout}. */
    Optional<Socket> connect(InetSocketAddress address, Duration timeout, String portSetting) {
        String what = t("check.step.tcp");
        String where = address.getAddress().getHostAddress() + ":" + address.getPort();
        Socket socket = new Socket();
        long start = System.nanoTime();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(address, (int) timeout.toMillis());
            progress.ok(what, t("check.tcp.ok", where, (System.nanoTime() - start) / 1_000_000));
            return Optional.of(socket);
        } catch (ConnectException e) {
            progress.failed(what, t("check.tcp.refused", where), t("check.tcp.refused.hint", portSetting));
        } catch (SocketTimeoutException e) {
            progress.failed(what, t("check.tcp.timeout", where, timeout.toSeconds()),
                    t("check.tcp.timeout.hint", address.getPort()));
        } catch (IOException e) {
            progress.failed(what, t("check.tcp.other", where, String.valueOf(e.getMessage())),
                    t("check.tcp.timeout.hint", address.getPort()));
        }
        close(socket);
        return Optional.empty();
    }

    /**
     * TLS on a connected socket, as send and inbox start it (same trust, same host-name check), or
     * empty (reported, the socket closed) when it fails. {@code plainTextHint} says what to use
     * instead when the server turns out to speak plain text on this port.
     */
    Optional<SSLSocket> handshake(String what, Socket socket, String host, String hostSetting,
                                  Supplier<String> plainTextHint) {
        Tls recording = tls.recording();
        int port = socket.getPort();
        try {
            SSLSocket ssl = recording.handshake(socket, host);
            X509Certificate certificate = ssl.getSession().getPeerCertificates()[0] instanceof X509Certificate x
                    ? x : null;
            progress.ok(what, certificate == null ? ssl.getSession().getProtocol()
                    : t("check.tls.ok", ssl.getSession().getProtocol(), String.join(", ", Certificates.names(certificate)),
                            Certificates.issuer(certificate), Certificates.until(certificate)));
            return Optional.of(ssl);
        } catch (IOException e) {
            close(socket);
            Optional<X509Certificate> shown = recording.shown().filter(chain -> chain.length > 0).map(chain -> chain[0]);
            report(what, e, host, port, hostSetting, shown, plainTextHint);
            return Optional.empty();
        }
    }

    private void report(String what, IOException e, String host, int port, String hostSetting,
                        Optional<X509Certificate> shown, Supplier<String> plainTextHint) {
        TlsProblem problem = TlsProblem.of(e);
        String names = shown.map(c -> String.join(", ", Certificates.names(c))).orElse("?");
        String issuer = shown.map(Certificates::issuer).orElse("?");
        if (problem == null) {
            progress.failed(what, e instanceof SocketTimeoutException ? t("check.tls.noAnswer", port)
                    : t("smtp.tls", String.valueOf(e.getMessage())), null);
            return;
        }
        switch (problem) {
            case PLAIN_TEXT -> progress.failed(what, t("check.tls.plainText", port), plainTextHint.get());
            case UNTRUSTED -> progress.failed(what, t(shown.map(Certificates::selfSigned).orElse(false)
                    ? "check.tls.selfSigned" : "check.tls.untrusted", names, issuer), t("check.tls.untrusted.hint"));
            case WRONG_NAME -> {
                String name = shown.map(Certificates::hostName).orElse("");
                progress.failed(what, t("check.tls.wrongName", names, host), name.isEmpty()
                        ? t("check.tls.wrongName.noName.hint", hostSetting) : t("check.tls.wrongName.hint", hostSetting, name));
            }
            case EXPIRED -> progress.failed(what, t("check.tls.expired", names,
                    shown.map(Certificates::until).orElse("?")), t("check.tls.expired.hint"));
            case NO_COMMON_PROTOCOL -> progress.failed(what, t("tls.protocol"), t("check.tls.protocol.hint"));
            case OTHER -> progress.failed(what, t("smtp.tls", String.valueOf(e.getMessage())), null);
        }
    }

    static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing is all there is to do
        }
    }
}
