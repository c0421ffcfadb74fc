package org.imrap.bulletin.address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.imrap.bulletin.fuzz.Fuzz;
import org.imrap.bulletin.fuzz.Texts;
import org.junit.jupiter.api.Test;

/** One mailbox, one address: every spelling of it compares equal, and nothing else does. */
class EmailAddressTest {

    @Test
    void aLocalPartQuotedWithoutNeedIsTheSameAddress() {
        assertThat(EmailAddress.parse("\"gone.person\"@example.org")).isEqualTo(EmailAddress.parse("gone.person@example.org"));
        assertThat(EmailAddress.parse("\"gone.person\"@example.org").mailbox()).isEqualTo("gone.person@example.org");
        assertThat(EmailAddress.parse("\"gone\\.person\"@example.org")).isEqualTo(EmailAddress.parse("gone.person@example.org"));
        assertThat(EmailAddress.canonical("\"gone.person\"@EXAMPLE.org")).isEqualTo("gone.person@example.org");
    }

    @Test
    void aLocalPartThatNeedsItsQuotesKeepsThemAndIsAnotherAddress() {
        EmailAddress spaced = EmailAddress.parse("\"gone person\"@example.org");

        assertThat(spaced.mailbox()).isEqualTo("\"gone person\"@example.org");
        assertThat(spaced).isNotEqualTo(EmailAddress.parse("goneperson@example.org"));
    }

    @Test
    void anInternationalisedDomainIsTheSameInUnicodeAndInAscii() {
        EmailAddress unicode = EmailAddress.parse("awa@médiation-mali.org");
        EmailAddress ascii = EmailAddress.parse("awa@xn--mdiation-mali-bhb.org");

        assertThat(unicode).isEqualTo(ascii);
        assertThat(unicode.mailbox()).isEqualTo("awa@xn--mdiation-mali-bhb.org");
        assertThat(EmailAddress.canonical("Awa@MÉDIATION-mali.org")).isEqualTo(ascii.key());
    }

    @Test
    void invisibleCharactersAroundAnAddressAreNotPartOfIt() {
        for (String pasted : new String[] {"\u00A0awa@example.org", "awa@example.org\u200B", "\uFEFFawa@example.org\u202F ",
            "\u2060 awa@example.org\u00A0"}) {
            assertThat(EmailAddress.parse(pasted)).as(pasted).isEqualTo(EmailAddress.parse("awa@example.org"));
            assertThat(EmailAddress.hasInvisibleEdges(pasted)).isTrue();
        }
        assertThat(EmailAddress.hasInvisibleEdges(" awa@example.org ")).isFalse();
    }

    @Test
    void anInvisibleCharacterInsideIsNamedNotCalledNonAscii() {
        assertThatThrownBy(() -> EmailAddress.parse("awa\u200B@example.org")).isInstanceOf(InvalidAddressException.class)
                .hasMessageContaining("invisible character (U+200B at position 4)");
    }

    private static String atom(Random random) {
        String atext = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~";
        StringBuilder atom = new StringBuilder();
        for (int i = 1 + random.nextInt(8); i > 0; i--) {
            atom.append(atext.charAt(random.nextInt(atext.length())));
        }
        return atom.toString();
    }

    /** A local part that needs no quotes: atoms joined by dots. */
    private static String dotAtom(Random random) {
        StringBuilder local = new StringBuilder(atom(random));
        for (int i = random.nextInt(3); i > 0; i--) {
            local.append('.').append(atom(random));
        }
        return local.toString();
    }

    private static String domain(Random random) {
        StringBuilder label = new StringBuilder();
        for (int i = 1 + random.nextInt(10); i > 0; i--) {
            label.append((char) ('a' + random.nextInt(26)));
        }
        return label + "." + List.of("org", "ml", "fr", "com").get(random.nextInt(4));
    }

    @Test
    void everySpellingOfOneMailboxHasOneKey() {
        Fuzz.forAll("spellings", 500, random -> List.of(dotAtom(random), domain(random)), parts -> {
            String local = parts.get(0);
            String domain = parts.get(1);
            String plain = local + "@" + domain;
            String quoted = "\"" + local + "\"@" + domain.toUpperCase(Locale.ROOT);
            String pasted = "\u00A0" + local.toUpperCase(Locale.ROOT) + "@" + domain + "\u200B";

            assertThat(EmailAddress.parse(quoted)).isEqualTo(EmailAddress.parse(plain));
            assertThat(EmailAddress.parse(pasted)).isEqualTo(EmailAddress.parse(plain));
            assertThat(EmailAddress.canonical(quoted)).isEqualTo(EmailAddress.parse(plain).key());
            assertThat(EmailAddress.parse(quoted).mailbox()).isEqualTo(local + "@" + domain.toUpperCase(Locale.ROOT));
        });
    }

    @Test
    void canonicalNeverFailsWhateverTheText() {
        Fuzz.forAll("canonical", 1000, Texts::hostile, text -> assertThat(EmailAddress.canonical(text)).isNotNull());
    }
}
