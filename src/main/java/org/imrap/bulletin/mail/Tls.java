package org.imrap.bulletin.mail;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.eclipse.angus.mail.util.SocketFetcher;

/**
 * How bulletin trusts a server over TLS, the one place for every connection it makes — {@code send},
 * the report mail, {@code inbox} and {@code check}: the JDK's trust store ({@code javax.net.ssl.trustStore},
 * else the JDK's own list of authorities) and the host-name check Angus makes with
 * {@code ssl.checkserveridentity} (RFC 6125; the name asked for must be on the certificate).
 *
 * <p>A {@link #recording()} copy trusts exactly the same, and keeps the certificates the server showed,
 * so that a refusal can say whom the certificate names; nothing is trusted because of it.
 */
public final class Tls {
    /** Made on first use: most runs (the sandbox, previews) never speak TLS. */
    private static final class SystemTrust {
        static final Tls TLS = new Tls(null);
    }

    /** Null: the JDK's trust store. */
    private final KeyStore anchors;
    private final boolean record;
    private volatile X509Certificate[] shown;
    private SSLSocketFactory factory;

    private Tls(KeyStore anchors) {
        this(anchors, false);
    }

    private Tls(KeyStore anchors, boolean record) {
        this.anchors = anchors;
        this.record = record;
    }

    /** The JDK's trust store: what bulletin uses outside tests. */
    public static Tls system() {
        return SystemTrust.TLS;
    }

    /** Trusting the certificates in {@code anchors} instead (tests start servers with certificates of their own). */
    public static Tls trusting(KeyStore anchors) {
        return new Tls(anchors);
    }

    /** The same trust, keeping the certificates each handshake was shown (for one connection at a time). */
    public Tls recording() {
        return new Tls(anchors, true);
    }

    /** The certificates the server showed in the last handshake, whether or not they were trusted. */
    public Optional<X509Certificate[]> shown() {
        return Optional.ofNullable(shown);
    }

    /** Sockets that speak TLS with this trust (the host name is checked by Angus, or by {@link #handshake}). */
    public synchronized SSLSocketFactory socketFactory() {
        if (factory == null) {
            try {
                TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(anchors);
                X509ExtendedTrustManager checker = null;
                for (TrustManager manager : trust.getTrustManagers()) {
                    if (manager instanceof X509ExtendedTrustManager extended) {
                        checker = extended;
                    }
                }
                if (checker == null) {
                    throw new IllegalStateException("no X509 trust manager");
                }
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, new TrustManager[] {record ? new Recording(checker) : checker}, null);
                factory = context.getSocketFactory();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("TLS cannot be set up: " + e.getMessage(), e);
            }
        }
        return factory;
    }

    /**
     * Sets Angus's TLS properties under {@code prefix} ({@code mail.smtp}, {@code mail.imaps} …): this
     * trust, the host-name check, and TCP_NODELAY on the TLS sockets it makes.
     */
    public void configure(Properties properties, String prefix) {
        properties.put(prefix + ".ssl.socketFactory", new NoDelaySslSocketFactory(socketFactory()));
        properties.put(prefix + ".ssl.checkserveridentity", "true");
    }

    /**
     * Starts TLS on a connected socket as a send or an inbox run does (Angus's own code, with the
     * properties {@link #configure} sets): the handshake, the trust and the host-name check.
     */
    public SSLSocket handshake(Socket connected, String host) throws IOException {
        shown = null;
        Properties properties = new Properties();
        configure(properties, "mail.check");
        return (SSLSocket) SocketFetcher.startTLS(connected, host, properties, "mail.check");
    }

    /** Remembers the chain, then lets the JDK's checker decide (and check the host name where the socket asks it to). */
    private final class Recording extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager checker;

        Recording(X509ExtendedTrustManager checker) {
            this.checker = checker;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            shown = chain == null ? null : chain.clone();
            checker.checkServerTrusted(chain, authType, socket);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            shown = chain == null ? null : chain.clone();
            checker.checkServerTrusted(chain, authType, engine);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            shown = chain == null ? null : chain.clone();
            checker.checkServerTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            checker.checkClientTrusted(chain, authType, socket);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            checker.checkClientTrusted(chain, authType, engine);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            checker.checkClientTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return checker.getAcceptedIssuers();
        }
    }
}
