package org.imrap.bulletin.cli;

import static org.imrap.bulletin.Text.t;

import java.util.ArrayList;
import java.util.List;
import org.imrap.bulletin.ExitCode;
import org.imrap.bulletin.check.CheckResult;
import org.imrap.bulletin.check.Step;

/** What {@code bulletin check} prints: a line per step, marked ok, warning or failed (in colour on a terminal). */
final class CheckText {
    private static final int WHAT_WIDTH = 10;

    private final Terminal terminal;
    private final int markWidth;

    CheckText(Terminal terminal) {
        this.terminal = terminal;
        this.markWidth = Math.max(t("check.mark.ok").length(),
                Math.max(t("check.mark.warning").length(), t("check.mark.failed").length()));
    }

    /** "  ok       TLS        TLSv1.3, certificate for …", and the hint below a warning or a failure. */
    List<String> lines(Step step) {
        String mark = switch (step.outcome()) {
            case OK -> t("check.mark.ok");
            case WARNING -> t("check.mark.warning");
            case FAILED -> t("check.mark.failed");
        };
        String padded = pad(mark, markWidth);
        String shown = switch (step.outcome()) {
            case OK -> terminal.success(padded);
            case WARNING -> terminal.warning(padded);
            case FAILED -> terminal.error(padded);
        };
        List<String> lines = new ArrayList<>();
        lines.add("  " + shown + " " + pad(step.what(), WHAT_WIDTH) + " " + step.detail());
        step.hint().ifPresent(hint -> lines.add("  " + " ".repeat(markWidth + 1 + WHAT_WIDTH + 1) + "→ " + hint));
        return lines;
    }

    /** Whether send would work, with the exit code it would give; and the inbox's. */
    List<String> summary(CheckResult result) {
        List<String> lines = new ArrayList<>();
        if (result.send() == ExitCode.OK) {
            lines.add(result.warnings() == 0 ? t("check.summary.ok")
                    : t(result.warnings() == 1 ? "check.summary.okWarning" : "check.summary.okWarnings", result.warnings()));
        } else {
            lines.add(t("check.summary.fails", result.send().code()));
        }
        result.inbox().ifPresent(inbox -> lines.add(inbox == ExitCode.OK ? t("check.summary.inboxOk")
                : t("check.summary.inboxFails", inbox.code())));
        return lines;
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }
}
