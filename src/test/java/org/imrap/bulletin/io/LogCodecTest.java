package org.imrap.bulletin.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The codec of the files bulletin keeps for itself: any text survives a write and a read unchanged in meaning. */
class LogCodecTest {

    /** Text heavy in what breaks CSV, terminals and spreadsheets, with arbitrary Unicode (lone surrogates too). */
    @Provide
    Arbitrary<String> hostileText() {
        Arbitrary<String> specials = Arbitraries.strings()
                .withChars('\0', '"', ',', '\r', '\n', '\'', '=', '+', '-', '@', '\t', ' ', '\u001B', '\u0085', '\u2028',
                        '\uFEFF', '\uD800', '\uDC00', 'a', 'é')
                .withCharRange('\u0000', '\u001F')
                .ofMaxLength(30);
        Arbitrary<String> nonBmp = Arbitraries.strings().withCharRange('a', 'c').ofMaxLength(5)
                .map(s -> s + "\uD83D\uDE00" + "\uD801\uDC37" + s);
        Arbitrary<String> any = Arbitraries.strings().all().ofMaxLength(40);
        return Arbitraries.oneOf(specials, nonBmp, any, Arbitraries.of("", "'", "''=", "'=1+1", "=cmd|' /C calc'!A0",
                "550 5.1.1 bad\0\"x\0,y", "a\r\nb", "a\rb", "\"\"", " x "));
    }

    @Property(tries = 3000)
    void everyRowReadsBackAsWrittenWithControlCharactersReplaced(@ForAll("rows") List<String> values) throws Exception {
        String line = LogCodec.encode(values);

        assertThat(line).doesNotContain("\n", "\r");
        assertThat(LogCodec.printable(line)).isEqualTo(line);
        assertThat(LogCodec.decode(line)).isEqualTo(values.stream().map(LogCodec::printable).toList());
    }

    @Provide
    Arbitrary<List<String>> rows() {
        return hostileText().list().ofMinSize(1).ofMaxSize(8);
    }

    @Property(tries = 2000)
    void printableTextIsLeftAloneAndNothingPrintableIsLost(@ForAll("hostileText") String text) {
        String clean = LogCodec.printable(text);

        assertThat(LogCodec.printable(clean)).isEqualTo(clean);
        assertThat(clean.codePoints().noneMatch(c -> Character.isISOControl(c) || c == 0x2028 || c == 0x2029)).isTrue();
        assertThat(clean.length()).isLessThanOrEqualTo(text.length());
        assertThat(clean.getBytes(java.nio.charset.StandardCharsets.UTF_8)).asString(java.nio.charset.StandardCharsets.UTF_8)
                .isEqualTo(clean);
    }

    @Property(tries = 2000)
    void noCellStartsAFormulaAndRestoreUndoesNeutralise(@ForAll("hostileText") String value) {
        String cell = SpreadsheetCell.neutralise(value);

        assertThat(cell.isEmpty() || !SpreadsheetCell.startsFormula(cell.charAt(0))).isTrue();
        assertThat(SpreadsheetCell.restore(cell)).isEqualTo(value);
    }

    @Example
    void aFormulaIsWrittenAsTextInItsCell() {
        assertThat(LogCodec.encode(List.of("=HYPERLINK(\"http://x\")", "-2", "@SUM(A1)", "ok")))
                .isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\",'-2,'@SUM(A1),ok");
    }

    @Example
    void aLineThatIsNotAWellFormedRowIsRefused() {
        for (String line : List.of("a,\"b", "a,\"b\"c", "a,b\"c")) {
            try {
                LogCodec.decode(line);
                throw new AssertionError("read: " + line);
            } catch (LogCodec.MalformedRow expected) {
                // refused, as it should be
            }
        }
    }
}
