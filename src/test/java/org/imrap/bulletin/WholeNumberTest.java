package org.imrap.bulletin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.imrap.bulletin.fuzz.Fuzz;
import org.imrap.bulletin.fuzz.Texts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one grammar of a whole number in a setting. */
class WholeNumberTest {

    @Test
    void readsDigitsWithASignAndSpacesWithinTheRange() {
        assertThat(WholeNumber.parse("587", 1, 65535)).isEqualTo(587);
        assertThat(WholeNumber.parse(" +30 ", 0, 100)).isEqualTo(30);
        assertThat(WholeNumber.parse("-3", -5, 5)).isEqualTo(-3);
        assertThat(WholeNumber.parse("٣٠", 0, 100)).as("Arabic-Indic digits, as Integer.parseInt took them").isEqualTo(30);
        assertThat(WholeNumber.parse(String.valueOf(Long.MAX_VALUE), 0, Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "1 200", "1200px", "1.5", "0x10", "99999999999999999999", "0", "65536", "\uD835\uDFD1"})
    void refusesAnythingElseWithOneError(String text) {
        assertThatThrownBy(() -> WholeNumber.parse(text, 1, 65535)).isInstanceOf(ValueSyntaxException.class);
    }

    @Test
    void hostileTextGivesANumberInRangeOrTheOneError() {
        Fuzz.forAll("whole number of hostile text", 5000, random -> random.nextBoolean() ? Texts.hostile(random)
                : random.nextInt(100) + Texts.hostile(random), text -> {
            try {
                assertThat(WholeNumber.parse(text, 0, 50)).isBetween(0L, 50L);
            } catch (ValueSyntaxException e) {
                // the one error it may give
            }
        });
    }
}
