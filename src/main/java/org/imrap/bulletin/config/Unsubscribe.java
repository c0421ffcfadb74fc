package org.imrap.bulletin.config;

import org.imrap.bulletin.address.EmailAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How people leave the list (RFC 2369, RFC 8058): a {@code mailto:} address whose subject carries the
 * person's address, and optionally an https URL that carries the address and a token bulletin alone
 * can make (an HMAC of the address under the workspace's secret), so nobody can unsubscribe someone else.
 *
 * @param mailto the address that takes unsubscribe requests ({@code unsubscribe.mailto})
 * @param url    the one-click https endpoint ({@code unsubscribe.url})
 * @param secret the key of the tokens; present when a way out is offered
 * @param french  the bulletin is in French ({@code language=fr}, the default): so is the request its
 *                {@code mailto:} composes ("désabonnement", "jeton")
 */
public record Unsubscribe(Optional<String> mailto, Optional<String> url, Optional<byte[]> secret, boolean french) {

    /** The word a request's subject starts with, in either language: both are honoured whatever the bulletin's. */
    public static final java.util.regex.Pattern REQUEST_SUBJECT =
            java.util.regex.Pattern.compile("(?iu)^(re:\\s*)?(unsubscribe|désabonn|desabonn).*");

    /** A request's token, after the English or the French word. */
    public static final java.util.regex.Pattern TOKEN = java.util.regex.Pattern.compile("(?:token|jeton)=([A-Za-z0-9_-]{22})");

    /** A way out composed in English. */
    public Unsubscribe(Optional<String> mailto, Optional<String> url, Optional<byte[]> secret) {
        this(mailto, url, secret, false);
    }

    private static final ThreadLocal<KeyedMac> MACS = new ThreadLocal<>();

    /** A thread's Mac under one key, and the last token it made: a message asks for the same token several times. */
    private static final class KeyedMac {
        final byte[] key;
        final Mac mac;
        String lastEmail;
        String lastToken;

        KeyedMac(byte[] key, Mac mac) {
            this.key = key;
            this.mac = mac;
        }
    }

    public static final Unsubscribe NONE = new Unsubscribe(Optional.empty(), Optional.empty(), Optional.empty(), false);

    public boolean isOffered() {
        return mailto.isPresent() || url.isPresent();
    }

    /**
     * {@code mailto:desabonnement@imrap-mali.org?subject=unsubscribe%20awa%40example.org&body=token%3D…}
     * (RFC 6068): the body carries the person's token, so a request sent from another address of
     * theirs is honoured too. For a French bulletin: {@code subject=désabonnement …}, and a body that
     * says what the mail asks before its {@code jeton=…} (lines end in CRLF, RFC 6068 §5).
     */
    public Optional<String> mailtoUri(String email) {
        if (french) {
            return mailto.map(address -> "mailto:" + address + "?subject=" + encode("désabonnement " + email)
                    + "&body=" + encode("Merci de ne plus m'envoyer ce bulletin."
                            + secret.map(key -> "\r\n\r\njeton=" + token(email)).orElse("")));
        }
        return mailto.map(address -> "mailto:" + address + "?subject=" + encode("unsubscribe " + email)
                + secret.map(key -> "&body=" + encode("token=" + token(email))).orElse(""));
    }

    /** {@code https://…?email=…&token=…}. */
    public Optional<String> httpsUri(String email) {
        return url.map(base -> base + (base.contains("?") ? "&" : "?") + "email=" + encode(email) + "&token="
                + token(email));
    }

    /** An HMAC-SHA256 of the normalised address, shortened: proves the link came from bulletin. */
    public String token(String email) {
        KeyedMac kept = mac();
        if (!email.equals(kept.lastEmail)) {
            byte[] digest = kept.mac.doFinal(EmailAddress.canonical(email).getBytes(StandardCharsets.UTF_8));
            kept.lastToken = Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22);
            kept.lastEmail = email;
        }
        return kept.lastToken;
    }

    /** This thread's Mac under this key, kept: looking one up costs more than the HMAC itself. */
    private KeyedMac mac() {
        byte[] key = secret.orElseThrow(() -> new IllegalStateException("no secret for unsubscribe tokens"));
        KeyedMac kept = MACS.get();
        if (kept != null && kept.key == key) {
            return kept;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            kept = new KeyedMac(key, mac);
            MACS.set(kept);
            return kept;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("every Java has HmacSHA256", e);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
