package org.imrap.bulletin.address;

import static org.imrap.bulletin.Text.t;

import java.net.IDN;
import java.util.Locale;

/**
 * An email address, and the one form in which bulletin compares addresses everywhere: lists,
 * de-duplication, the suppression list, journals and the inbox. Two spellings of one mailbox are one
 * address:
 * <ul>
 * <li>a local part quoted without need is the same as unquoted, and a quoted-pair the same as its
 *     character (RFC 5321 §4.1.2: {@code "gone.person"@example.org} is {@code gone.person@example.org});</li>
 * <li>a domain is the same in any letter case, and an internationalised domain the same written in
 *     Unicode or as its {@code xn--} ASCII form (RFC 5890);</li>
 * <li>the local part too is compared without regard to case: RFC 5321 lets a server tell
 *     {@code Awa} from {@code awa}, but no mailbox provider in use does, and two messages to one person
 *     are worse than that theoretical risk;</li>
 * <li>spaces and invisible characters a spreadsheet leaves around a cell (no-break space, zero-width
 *     space, a byte-order mark) are not part of it.</li>
 * </ul>
 * Equality is by {@link #key()}; {@link #mailbox()} is the form messages are sent to (ASCII, so any
 * server takes it).
 */
public final class EmailAddress {
    private final String mailbox;
    private final String key;

    private EmailAddress(String mailbox) {
        this.mailbox = mailbox;
        this.key = mailbox.toLowerCase(Locale.ROOT);
    }

    /** The address in {@code text}, checked (see {@link Addresses#parse}); throws {@link InvalidAddressException}. */
    public static EmailAddress parse(String text) {
        return new EmailAddress(Addresses.parse(text).getAddress());
    }

    /**
     * The comparison key of any text, valid address or not — for entries that must still match although
     * they are malformed (a suppression list entry suppresses even a misspelt address). For a valid
     * address it is {@code parse(text).key()}.
     */
    public static String canonical(String text) {
        if (isPlain(text)) {
            // Nothing to undo but case: what parse() would give, without its full check (once per row read).
            return text.toLowerCase(Locale.ROOT);
        }
        try {
            return parse(text).key;
        } catch (InvalidAddressException e) {
            String trimmed = trim(text);
            int at = trimmed.lastIndexOf('@');
            if (at < 0) {
                return trimmed.toLowerCase(Locale.ROOT);
            }
            return (unquote(trimmed.substring(0, at)) + "@" + asciiDomain(trimmed.substring(at + 1))).toLowerCase(Locale.ROOT);
        }
    }

    /** An unquoted ASCII local part and domain, one @, no space or invisible character: its key is its lower case. */
    private static boolean isPlain(String text) {
        int at = -1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '@') {
                if (at >= 0) {
                    return false;
                }
                at = i;
            } else if (!(c == '.' || isAtext(c))) {
                return false;
            }
        }
        return at > 0 && at < text.length() - 1;
    }

    /** The address to put on the envelope and in the To header: local part unquoted where it can be, ASCII domain. */
    public String mailbox() {
        return mailbox;
    }

    /** The form every comparison uses. */
    public String key() {
        return key;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EmailAddress address && address.key.equals(key);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    @Override
    public String toString() {
        return mailbox;
    }

    /** The text without the white space and invisible characters around it. */
    public static String trim(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isBlankOrInvisible(text.charAt(start))) {
            start++;
        }
        while (end > start && isBlankOrInvisible(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    /** True when the text has invisible characters around it that {@link #trim} takes off but {@link String#strip} does not. */
    public static boolean hasInvisibleEdges(String text) {
        return !trim(text).equals(text.strip());
    }

    /**
     * Characters a spreadsheet or a copy from a web page leaves in a cell that nobody can see: white
     * space, no-break spaces (U+00A0, U+2007, U+202F), zero-width space, joiners, word joiner, soft
     * hyphen, byte-order mark.
     */
    static boolean isBlankOrInvisible(char c) {
        return Character.isWhitespace(c) || isInvisible(c);
    }

    static boolean isInvisible(char c) {
        return c == '\u00A0' || c == '\u2007' || c == '\u202F' || c == '\u200B' || c == '\u200C' || c == '\u200D'
                || c == '\u2060' || c == '\u00AD' || c == '\uFEFF';
    }

    /** The local part in its shortest form: unquoted when quoting is not needed, quoted-pairs undone. */
    static String unquote(String local) {
        if (local.length() < 2 || !local.startsWith("\"") || !local.endsWith("\"")) {
            return local;
        }
        StringBuilder content = new StringBuilder();
        for (int i = 1; i < local.length() - 1; i++) {
            char c = local.charAt(i);
            if (c == '\\' && i + 1 < local.length() - 1) {
                c = local.charAt(++i);
            }
            content.append(c);
        }
        String text = content.toString();
        if (isDotAtom(text)) {
            return text;
        }
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** RFC 5322 §3.2.3: atoms of atext joined by single dots. */
    static boolean isDotAtom(String text) {
        if (text.isEmpty() || text.startsWith(".") || text.endsWith(".") || text.contains("..")) {
            return false;
        }
        return text.chars().allMatch(c -> c == '.' || isAtext(c));
    }

    private static boolean isAtext(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "!#$%&'*+-/=?^_`{|}~".indexOf(c) >= 0;
    }

    /** The domain in ASCII: an internationalised one as its {@code xn--} labels (left as it is if it cannot be). */
    static String asciiDomain(String domain) {
        if (domain.chars().allMatch(c -> c < 0x80)) {
            return domain;
        }
        try {
            return IDN.toASCII(domain, 0);
        } catch (IllegalArgumentException e) {
            return domain;
        }
    }

    /** Describes the first invisible character in {@code text}, if any: "U+200B at position 5". */
    static java.util.Optional<String> invisibleIn(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (isInvisible(text.charAt(i))) {
                return java.util.Optional.of(t("address.invisibleAt", String.format("U+%04X", (int) text.charAt(i)), i + 1));
            }
        }
        return java.util.Optional.empty();
    }
}
