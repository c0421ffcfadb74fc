package org.imrap.bulletin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.imrap.bulletin.DurationText.BareNumber;
import org.imrap.bulletin.fuzz.Fuzz;
import org.imrap.bulletin.fuzz.Texts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The one grammar of a length of time: every spelling any setting or option took before it, and no other. */
class DurationTextTest {

    @ParameterizedTest
    @CsvSource({"500ms,500", "30s,30000", "5m,300000", "5min,300000", "5 min,300000", "2h,7200000",
        "' 2 H ',7200000", "1d,86400000", "1 jour,86400000", "2 heures,7200000", "1 minute,60000", "+5s,5000",
        "90 seconds,90000", "0s,0", "-5s,-5000", "3 days,259200000", "٣s,3000"})
    void readsEveryUnitWithOrWithoutSpaces(String text, long millis) {
        assertThat(DurationText.parse(text, BareNumber.REFUSED)).isEqualTo(Duration.ofMillis(millis));
        assertThat(DurationText.parse(text, BareNumber.SECONDS)).isEqualTo(Duration.ofMillis(millis));
    }

    @Test
    void aBareNumberIsSecondsInTheSettingsAndRefusedOnTheCommandLine() {
        assertThat(DurationText.parse("30", BareNumber.SECONDS)).isEqualTo(Duration.ofSeconds(30));
        assertThatThrownBy(() -> DurationText.parse("50", BareNumber.REFUSED)).isInstanceOf(ValueSyntaxException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "s", "1.5h", "5 x", "5mss", "h5", "5 m s", "1e3s", "99999999999999999999s",
        "9223372036854775807h", "5\u00A0s\u0000", "\uD835\uDFD1s"})
    void anythingElseIsOneKindOfError(String text) {
        assertThatThrownBy(() -> DurationText.parse(text, BareNumber.SECONDS)).isInstanceOf(ValueSyntaxException.class);
    }

    @Test
    void aPeriodMayLeaveOutItsNumber() {
        assertThat(DurationText.period("day")).isEqualTo(Duration.ofDays(1));
        assertThat(DurationText.period(" jour")).isEqualTo(Duration.ofDays(1));
        assertThat(DurationText.period("min")).isEqualTo(Duration.ofMinutes(1));
        assertThat(DurationText.period("2h")).isEqualTo(Duration.ofHours(2));
        for (String wrong : new String[] {"", "5", "0h", "-1h", "week"}) {
            assertThatThrownBy(() -> DurationText.period(wrong)).as(wrong).isInstanceOf(ValueSyntaxException.class);
        }
    }

    @Test
    void formatsTheShortestTextItReadsBack() {
        assertThat(DurationText.format(Duration.ofMinutes(50))).isEqualTo("50m");
        assertThat(DurationText.format(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(DurationText.format(Duration.ofHours(48))).isEqualTo("48h");
        assertThat(DurationText.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(DurationText.format(Duration.ZERO)).isEqualTo("0ms");
    }

    @Test
    void whatItFormatsItReadsBackTheSame() {
        Fuzz.forAll("duration format → parse", 2000, random -> Duration.ofMillis(switch (random.nextInt(4)) {
            case 0 -> random.nextInt(1000);
            case 1 -> random.nextLong() / 1000;
            case 2 -> (random.nextInt(100_000) - 50_000) * 60_000L;
            default -> random.nextLong() % (Long.MAX_VALUE / 1_000_000);
        }), duration -> {
            String text = DurationText.format(duration);
            assertThat(DurationText.parse(text, BareNumber.REFUSED)).as(text).isEqualTo(duration);
            assertThat(DurationText.parse(" " + text.toUpperCase(java.util.Locale.ROOT) + " ", BareNumber.SECONDS))
                    .isEqualTo(duration);
        });
    }

    @Test
    void hostileTextGivesADurationOrTheOneError() {
        Fuzz.forAll("duration of hostile text", 5000, random -> random.nextBoolean() ? Texts.hostile(random)
                : random.nextInt(20) + " " + Texts.hostile(random), text -> {
            for (BareNumber bare : BareNumber.values()) {
                try {
                    DurationText.parse(text, bare);
                } catch (ValueSyntaxException e) {
                    // the one error it may give
                }
                try {
                    assertThat(DurationText.period(text)).isPositive();
                } catch (ValueSyntaxException e) {
                    // the same
                }
            }
        });
    }
}
