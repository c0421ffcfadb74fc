package org.imrap.bulletin.mail;

import java.util.Optional;

/**
 * How bulletin proves to a mail server who it is: a password, or an OAuth 2.0 access token presented with
 * SASL XOAUTH2 (Google's "XOAUTH2 mechanism", also Microsoft's). A token can be renewed when the server
 * refuses it (it may have been revoked or expired early); a password cannot.
 */
public interface Login {

    /** The SASL mechanism the secret is for. */
    enum Mechanism {
        /** Whatever the server offers of PLAIN and LOGIN (RFC 4616, draft-murchison-sasl-login). */
        PASSWORD,
        /** {@code AUTH XOAUTH2} with {@code user=…^Aauth=Bearer <token>^A^A}. */
        XOAUTH2
    }

    Mechanism mechanism();

    /** The secret to present now; for a token, one that is not about to expire. */
    char[] secret();

    /**
     * A new secret after the server refused {@code refused}, or empty when there is none to try (a
     * password is what it is). May throw when the renewal itself is refused (a revoked sign-in).
     */
    Optional<char[]> renew(char[] refused);

    /** A plain password. */
    static Login password(char[] password) {
        return new Login() {
            @Override
            public Mechanism mechanism() {
                return Mechanism.PASSWORD;
            }

            @Override
            public char[] secret() {
                return password;
            }

            @Override
            public Optional<char[]> renew(char[] refused) {
                return Optional.empty();
            }
        };
    }
}
