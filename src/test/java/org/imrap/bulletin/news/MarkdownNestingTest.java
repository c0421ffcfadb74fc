package org.imrap.bulletin.news;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class MarkdownNestingTest {

    private static String nestedEmphasis(int levels) {
        return "*a ".repeat(levels) + "x" + " b*".repeat(levels);
    }

    @Test
    void emphasisNestedUpToTheLimitRendersAndOneLevelMoreIsRefusedAtItsLine() {
        assertThat(Markdown.render(nestedEmphasis(Markdown.MAX_DEPTH - 2)).html()).contains("<em>a <em>a");

        assertThatThrownBy(() -> Markdown.render("Titre\n\n" + nestedEmphasis(Markdown.MAX_DEPTH + 1)))
                .isInstanceOfSatisfying(Markdown.TooDeep.class, e -> assertThat(e.line()).isEqualTo(3));
    }

    @Test
    void quotesNestedPastTheLimitAreRefusedAtTheirLine() {
        assertThat(Markdown.render(">".repeat(50) + " x").html()).contains("<blockquote>");

        assertThatThrownBy(() -> Markdown.render("Un.\n\nDeux.\n\n" + ">".repeat(101) + " x"))
                .isInstanceOfSatisfying(Markdown.TooDeep.class, e -> assertThat(e.line()).isEqualTo(5));
    }

    @Test
    void theEstimateIgnoresWhatCannotNest() {
        String paragraph = "**gras** et *italique* ".repeat(300) + "snake_case_name ".repeat(300)
                + "\\[ \\* 2 * 3 * 4 ".repeat(300) + "[lien](https://example.org) ".repeat(300);

        assertThat(Markdown.inlineNestingPastLimit(paragraph)).isZero();
        assertThat(Markdown.render(paragraph).text()).contains("gras et italique");
    }

    @Test
    void aBlankLineEndsWhatAParagraphLeftOpen() {
        String unclosed = "[ouvert *sans fin\n\n".repeat(200);

        assertThat(Markdown.inlineNestingPastLimit(unclosed)).isZero();
        assertThat(Markdown.inlineNestingPastLimit(unclosed.replace("\n\n", "\n"))).isEqualTo(51);
    }

    /**
     * Code spans hide brackets from the estimate, so these images nest 5,000 deep: on a thread with a
     * small stack the parser overflows, and that is caught; with more stack the tree is measured.
     */
    @Test
    void nestingTheEstimateMissesIsStillRefusedOnASmallStack() throws InterruptedException {
        String text = "![a `]` ".repeat(5000) + "x" + "](u)".repeat(5000);
        assertThat(Markdown.inlineNestingPastLimit(text)).isZero();

        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread small = new Thread(null, () -> {
            try {
                Markdown.render(text);
            } catch (Throwable e) {
                thrown.set(e);
            }
        }, "small stack", 256 * 1024);
        small.start();
        small.join();

        assertThat(thrown.get()).isInstanceOf(Markdown.TooDeep.class);
    }
}
