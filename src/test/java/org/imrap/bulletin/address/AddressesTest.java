package org.imrap.bulletin.address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressesTest {

    @ParameterizedTest
    @ValueSource(strings = {"awa.traore@example.org", "m.keita+bulletin@mail.example.net", "x@sub-domain.example.org",
        "o'neil@example.org"})
    void acceptsOrdinaryAddresses(String email) {
        assertThat(Addresses.parse(email).getAddress()).isEqualTo(email);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "awa.traore|no @domain at the end",
        "awa@localhost|has no dot",
        "awa@example..org|two dots in a row",
        "awa@-example.org|malformed",
        "awa@example.123|is a number",
        "Awa <awa@example.org>|bare address",
        "awa@@example.org|not a valid address",
        "awa traore@example.org|not a valid address",
        "aïssata@example.org|non-ASCII",
        "awa@exa_mple.org|illegal character",
    })
    void refusesWhatCouldNotBeDelivered(String email, String reason) {
        assertThatThrownBy(() -> Addresses.parse(email)).isInstanceOf(InvalidAddressException.class)
                .hasMessageContaining(reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Awa\r\nBcc: x@evil.example", "Awa\nX", "Awa\u0000", "Awa\u2028X", "Awa\tTraoré"})
    void refusesControlCharacters(String value) {
        assertThatThrownBy(() -> Addresses.requireSingleLine(value)).isInstanceOf(InvalidAddressException.class)
                .hasMessageContaining("control character");
    }

    @ParameterizedTest
    @CsvSource({"' Awa@Example.ORG ',awa@example.org", "awa@example.org,awa@example.org"})
    void normalisesByTrimmingAndLowerCasing(String input, String expected) {
        assertThat(EmailAddress.canonical(input)).isEqualTo(expected);
    }
}
