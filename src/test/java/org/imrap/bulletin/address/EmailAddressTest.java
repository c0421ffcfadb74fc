package org.imrap.bulletin.address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** One mailbox, one address: every spelling of it compares equal, and nothing else does. */
class EmailAddressTest {

    @Example
    void aLocalPartQuotedWithoutNeedIsTheSameAddress() {
        assertThat(EmailAddress.parse("\"gone.person\"@example.org")).isEqualTo(EmailAddress.parse("gone.person@example.org"));
        assertThat(EmailAddress.parse("\"gone.person\"@example.org").mailbox()).isEqualTo("gone.person@example.org");
        assertThat(EmailAddress.parse("\"gone\\.person\"@example.org")).isEqualTo(EmailAddress.parse("gone.person@example.org"));
        assertThat(EmailAddress.canonical("\"gone.person\"@EXAMPLE.org")).isEqualTo("gone.person@example.org");
    }

    @Example
    void aLocalPartThatNeedsItsQuotesKeepsThemAndIsAnotherAddress() {
        EmailAddress spaced = EmailAddress.parse("\"gone person\"@example.org");

        assertThat(spaced.mailbox()).isEqualTo("\"gone person\"@example.org");
        assertThat(spaced).isNotEqualTo(EmailAddress.parse("goneperson@example.org"));
    }

    @Example
    void anInternationalisedDomainIsTheSameInUnicodeAndInAscii() {
        EmailAddress unicode = EmailAddress.parse("awa@médiation-mali.org");
        EmailAddress ascii = EmailAddress.parse("awa@xn--mdiation-mali-bhb.org");

        assertThat(unicode).isEqualTo(ascii);
        assertThat(unicode.mailbox()).isEqualTo("awa@xn--mdiation-mali-bhb.org");
        assertThat(EmailAddress.canonical("Awa@MÉDIATION-mali.org")).isEqualTo(ascii.key());
    }

    @Example
    void invisibleCharactersAroundAnAddressAreNotPartOfIt() {
        for (String pasted : new String[] {"\u00A0awa@example.org", "awa@example.org\u200B", "\uFEFFawa@example.org\u202F ",
            "\u2060 awa@example.org\u00A0"}) {
            assertThat(EmailAddress.parse(pasted)).as(pasted).isEqualTo(EmailAddress.parse("awa@example.org"));
            assertThat(EmailAddress.hasInvisibleEdges(pasted)).isTrue();
        }
        assertThat(EmailAddress.hasInvisibleEdges(" awa@example.org ")).isFalse();
    }

    @Example
    void anInvisibleCharacterInsideIsNamedNotCalledNonAscii() {
        assertThatThrownBy(() -> EmailAddress.parse("awa\u200B@example.org")).isInstanceOf(InvalidAddressException.class)
                .hasMessageContaining("invisible character (U+200B at position 4)");
    }

    @Provide
    Arbitrary<String> dotAtoms() {
        Arbitrary<String> atom = Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z').withCharRange('0', '9')
                .withChars("!#$%&'*+-/=?^_`{|}~".toCharArray()).ofMinLength(1).ofMaxLength(8);
        return atom.list().ofMinSize(1).ofMaxSize(3).map(atoms -> String.join(".", atoms));
    }

    @Provide
    Arbitrary<String> domains() {
        Arbitrary<String> label = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(10);
        return Combinators.combine(label, Arbitraries.of("org", "ml", "fr", "com")).as((l, tld) -> l + "." + tld);
    }

    @Property(tries = 500)
    void everySpellingOfOneMailboxHasOneKey(@ForAll("dotAtoms") String local, @ForAll("domains") String domain) {
        String plain = local + "@" + domain;
        String quoted = "\"" + local + "\"@" + domain.toUpperCase(Locale.ROOT);
        String pasted = "\u00A0" + local.toUpperCase(Locale.ROOT) + "@" + domain + "\u200B";

        assertThat(EmailAddress.parse(quoted)).isEqualTo(EmailAddress.parse(plain));
        assertThat(EmailAddress.parse(pasted)).isEqualTo(EmailAddress.parse(plain));
        assertThat(EmailAddress.canonical(quoted)).isEqualTo(EmailAddress.parse(plain).key());
        assertThat(EmailAddress.parse(quoted).mailbox()).isEqualTo(local + "@" + domain.toUpperCase(Locale.ROOT));
    }

    @Property(tries = 500)
    void canonicalNeverFailsWhateverTheText(@ForAll String text) {
        assertThat(EmailAddress.canonical(text)).isNotNull();
    }
}
