package org.imrap.bulletin.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.imrap.bulletin.fuzz.Fuzz;
import org.imrap.bulletin.fuzz.Texts;
import org.junit.jupiter.api.Test;

/** The codec of the files bulletin keeps for itself: any text survives a write and a read unchanged in meaning. */
class LogCodecTest {

    @Test
    void everyRowReadsBackAsWrittenWithControlCharactersReplaced() {
        Fuzz.forAll("log row", 3000, random -> {
            List<String> values = new ArrayList<>();
            for (int i = 1 + random.nextInt(8); i > 0; i--) {
                values.add(Texts.hostile(random));
            }
            return values;
        }, values -> {
            String line = LogCodec.encode(values);

            assertThat(line).doesNotContain("\n", "\r");
            assertThat(LogCodec.printable(line)).isEqualTo(line);
            try {
                assertThat(LogCodec.decode(line)).isEqualTo(values.stream().map(LogCodec::printable).toList());
            } catch (LogCodec.MalformedRow e) {
                throw new AssertionError(line, e);
            }
        });
    }

    @Test
    void printableTextIsLeftAloneAndNothingPrintableIsLost() {
        Fuzz.forAll("printable", 2000, Texts::hostile, text -> {
            String clean = LogCodec.printable(text);

            assertThat(LogCodec.printable(clean)).isEqualTo(clean);
            assertThat(clean.codePoints().noneMatch(c -> Character.isISOControl(c) || c == 0x2028 || c == 0x2029)).isTrue();
            assertThat(clean.length()).isLessThanOrEqualTo(text.length());
            assertThat(new String(clean.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo(clean);
        });
    }

    @Test
    void noCellStartsAFormulaAndRestoreUndoesNeutralise() {
        Fuzz.forAll("spreadsheet cell", 2000, Texts::hostile, value -> {
            String cell = SpreadsheetCell.neutralise(value);

            assertThat(cell.isEmpty() || !SpreadsheetCell.startsFormula(cell.charAt(0))).isTrue();
            assertThat(SpreadsheetCell.restore(cell)).isEqualTo(value);
        });
    }

    @Test
    void aFormulaIsWrittenAsTextInItsCell() {
        assertThat(LogCodec.encode(List.of("=HYPERLINK(\"http://x\")", "-2", "@SUM(A1)", "ok")))
                .isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\",'-2,'@SUM(A1),ok");
    }

    @Test
    void aLineThatIsNotAWellFormedRowIsRefused() {
        for (String line : List.of("a,\"b", "a,\"b\"c", "a,b\"c")) {
            assertThatThrownBy(() -> LogCodec.decode(line)).as(line).isInstanceOf(LogCodec.MalformedRow.class);
        }
    }
}
