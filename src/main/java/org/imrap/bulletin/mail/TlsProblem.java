package org.imrap.bulletin.mail;

import static org.imrap.bulletin.Text.t;

import jakarta.mail.MessagingException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Set;
import javax.net.ssl.SSLException;

/** Why a TLS handshake failed, in the terms a person can act on; read from the JDK's exceptions. */
public enum TlsProblem {
    /** The server answered in plain text: a TLS client at a port that speaks plain text (587, 25, 143). */
    PLAIN_TEXT,
    /** No chain to an authority the trust store knows (self-signed, or a private authority). */
    UNTRUSTED,
    /** A valid certificate for another name than the one bulletin connected to. */
    WRONG_NAME,
    /** Expired, or not valid yet (also: this machine's clock is wrong). */
    EXPIRED,
    /** No protocol version or cipher in common (a server that offers only TLS 1.0 or 1.1). */
    NO_COMMON_PROTOCOL,
    /** Anything else: the JDK's own words are shown. */
    OTHER;

    /** The problem behind {@code failure} (an exception, or one it was caused by); null if TLS is not what failed. */
    public static TlsProblem of(Throwable failure) {
        boolean tls = false;
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable e = failure; e != null && seen.add(e); e = next(e)) {
            if (e instanceof CertificateExpiredException || e instanceof CertificateNotYetValidException) {
                return EXPIRED;
            }
            String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
            if (message.contains("unsupported or unrecognized ssl message") || message.contains("plaintext connection")) {
                return PLAIN_TEXT;
            }
            if (message.contains("no subject alternative") || message.contains("no name matching")
                    || message.contains("verify identity of server")) {
                return WRONG_NAME;
            }
            if (message.contains("validity check failed")) {
                return EXPIRED;
            }
            if (message.contains("pkix") || message.contains("certification path")) {
                return UNTRUSTED;
            }
            if (message.contains("no appropriate protocol") || message.contains("protocol_version")
                    || message.contains("handshake_failure") || message.contains("insufficient_security")) {
                return NO_COMMON_PROTOCOL;
            }
            tls |= e instanceof SSLException;
        }
        return tls ? OTHER : null;
    }

    /** What went wrong, for a message about {@code host}; {@code detail} is the JDK's text, for {@link #OTHER}. */
    public String describe(String host, String detail) {
        return switch (this) {
            case PLAIN_TEXT -> t("tls.plainText");
            case UNTRUSTED -> t("smtp.untrusted");
            case WRONG_NAME -> t("smtp.wrongName", host);
            case EXPIRED -> t("tls.expired");
            case NO_COMMON_PROTOCOL -> t("tls.protocol");
            case OTHER -> detail;
        };
    }

    private static Throwable next(Throwable t) {
        return t instanceof MessagingException m && m.getNextException() != null ? m.getNextException() : t.getCause();
    }
}
