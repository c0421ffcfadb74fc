package org.imrap.bulletin.address;

import static org.imrap.bulletin.Text.t;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.regex.Pattern;

/**
 * Checks addresses and header values before they get near a message.
 *
 * <p>An address must pass Jakarta Mail's strict RFC 822 parser, be a bare {@code local@domain}
 * (no display name, no group, no route), and have a domain that could receive mail on the public
 * internet: at least two labels of letters, digits and inner hyphens (RFC 1035 §2.3.1), at most 63
 * characters each, 253 in all, a top-level label that is not all digits. The local part is at most 64
 * characters (RFC 5321 §4.5.3.1.1). An internationalised domain is taken in Unicode or ASCII and
 * sent in ASCII ({@code xn--}); a non-ASCII local part is refused: most servers in use do not offer
 * SMTPUTF8.
 */
public final class Addresses {
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

    private Addresses() {
    }

    /**
     * The address, checked, in its canonical spelling (see {@link EmailAddress}): local part unquoted
     * where quotes are not needed, domain in ASCII. Throws {@link InvalidAddressException} with the
     * reason otherwise.
     */
    public static InternetAddress parse(String email) {
        requireSingleLine(email, "address");
        String trimmed = EmailAddress.trim(email);
        if (trimmed.isEmpty()) {
            throw new InvalidAddressException("address", t("address.empty"));
        }
        int at = trimmed.lastIndexOf('@');
        String local = at < 0 ? trimmed : trimmed.substring(0, at);
        String domain = at < 0 ? "" : EmailAddress.asciiDomain(trimmed.substring(at + 1));
        String written = at < 0 ? trimmed : local + "@" + domain;
        if (!written.chars().allMatch(c -> c < 0x80)) {
            throw new InvalidAddressException("address", EmailAddress.invisibleIn(trimmed)
                    .map(where -> t("address.invisible", trimmed, where))
                    .orElseGet(() -> t("address.nonAscii", trimmed)));
        }
        InternetAddress address;
        try {
            address = new InternetAddress(written, true);
            address.validate();
        } catch (AddressException e) {
            throw new InvalidAddressException("address", t("address.invalid", trimmed, reason(e)));
        }
        if (address.getPersonal() != null || !address.getAddress().equals(written) || address.isGroup()) {
            throw new InvalidAddressException("address", t("address.notBare", trimmed));
        }
        if (at < 1) {
            throw new InvalidAddressException("address", t("address.noDomain", trimmed));
        }
        String canonicalLocal = EmailAddress.unquote(local);
        if (canonicalLocal.length() > 64) {
            throw new InvalidAddressException("address", t("address.localTooLong", trimmed));
        }
        checkDomain(trimmed, domain);
        try {
            return new InternetAddress(canonicalLocal + "@" + domain, true);
        } catch (AddressException e) {
            throw new InvalidAddressException("address", t("address.invalid", trimmed, reason(e)));
        }
    }

    /** Jakarta Mail's reason (English, fixed strings) in the user's language. */
    static String reason(AddressException e) {
        String said = String.valueOf(e.getMessage()).replaceFirst(" in string ``.*''.*", "").strip();
        String why;
        if (said.startsWith("Missing final '@domain'") || said.equals("Missing domain")) {
            why = "noDomain";
        } else if (said.equals("Missing local name")) {
            why = "noLocal";
        } else if (said.endsWith("contains control or whitespace")) {
            why = "space";
        } else if (said.endsWith("contains dot-dot")) {
            why = "dotDot";
        } else if (said.endsWith("contains illegal character")) {
            why = "illegalCharacter";
        } else if (said.endsWith("starts with dot") || said.endsWith("ends with dot")) {
            why = "dotAtEdge";
        } else if (said.startsWith("Missing '") || said.equals("Unterminated quote")) {
            why = "unclosed";
        } else if (said.startsWith("Quote") || said.startsWith("Quoted")) {
            why = "quotes";
        } else {
            why = "other";
        }
        return t("address.why." + why);
    }

    private static void checkDomain(String email, String domain) {
        String[] labels = domain.split("\\.", -1);
        if (labels.length < 2) {
            throw new InvalidAddressException("address", t("address.noDot", email, domain));
        }
        if (domain.length() > 253) {
            throw new InvalidAddressException("address", t("address.domainTooLong", email));
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                throw new InvalidAddressException("address", t("address.malformed", email, domain));
            }
        }
        if (labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
            throw new InvalidAddressException("address", t("address.numeric", email, domain));
        }
    }

    /** True when {@code value} has no control character nor line or paragraph separator. */
    public static boolean isSingleLine(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (breaksLine(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean breaksLine(char c) {
        return Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
    }

    /** Refuses CR, LF and every other control character: they would let a value forge headers. */
    public static void requireSingleLine(String value) {
        requireSingleLine(value, "name");
    }

    public static void requireSingleLine(String value, String field) {
        if (value == null) {
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (breaksLine(c)) {
                throw new InvalidAddressException(field, t("address.control", label(field), describe(c), i + 1));
            }
        }
    }

    /** "the address", "the name", "the subject", else "the VALUE" as given ("the 'name' value"). */
    private static String label(String field) {
        return switch (field) {
            case "address", "name", "subject" -> t("label." + field);
            default -> t("label.other", field);
        };
    }

    private static String describe(char c) {
        return switch (c) {
            case '\r' -> "CR";
            case '\n' -> "LF";
            case '\t' -> "TAB";
            default -> String.format("U+%04X", (int) c);
        };
    }
}
