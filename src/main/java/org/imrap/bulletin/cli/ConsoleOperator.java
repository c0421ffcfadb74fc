package org.imrap.bulletin.cli;

import static org.imrap.bulletin.Text.t;

import java.io.ByteArrayOutputStream;
import java.io.Console;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.imrap.bulletin.inbox.InboxOperator;
import org.imrap.bulletin.inbox.InboxSummary;
import org.imrap.bulletin.send.Operator;
import org.imrap.bulletin.send.SendPlan;
import org.imrap.bulletin.send.SendSummary;

/**
 * The operator at the command line, for send and inbox. On a terminal: a progress bar on standard error
 * and questions. Elsewhere (cron): plain timestamped lines every {@value #LINE_EVERY_SECONDS} s.
 * {@code --quiet}: errors only. {@code --log FILE}: every line, timestamped, whatever else is shown.
 */
final class ConsoleOperator implements Operator, InboxOperator {
    static final int LINE_EVERY_SECONDS = 10;
    private static final int BAR_WIDTH = 24;

    private final PrintWriter err;
    private final Console console;
    private final Terminal terminal;
    private final boolean quiet;
    private final Optional<LogFile> log;
    private final Clock clock;
    private long start;
    private long lastDrawn;
    private long lastLine = System.nanoTime();
    private boolean barShown;

    ConsoleOperator(PrintWriter err, Console console, Terminal terminal, boolean quiet, Optional<LogFile> log,
                    Clock clock) {
        this.err = err;
        this.console = console;
        this.terminal = terminal;
        this.quiet = quiet;
        this.log = log;
        this.clock = clock;
    }

    @Override
    public boolean interactive() {
        return console != null;
    }

    @Override
    public void plan(SendPlan plan) {
        SendText.plan(plan).forEach(this::info);
        plan.newsNotices().forEach(notice -> warning(notice.describe(java.nio.file.Path.of("").toAbsolutePath())));
        plan.warnings().forEach(this::warning);
    }

    @Override
    public boolean confirm(SendPlan plan) {
        String answer = console.readLine("%s", t("confirm.question",
                org.imrap.bulletin.Text.count(plan.toSend(), "count.person"), plan.server()));
        return yes(answer);
    }

    @Override
    public boolean confirm(InboxSummary preview) {
        // What the question is about is shown even with --quiet.
        for (String line : InboxText.lines(preview)) {
            log.ifPresent(file -> file.line(line));
            err.println(line);
        }
        err.flush();
        return yes(console.readLine("%s", t("inbox.confirm")));
    }

    private boolean yes(String answer) {
        log.ifPresent(file -> file.line("confirmation: " + answer));
        return answer != null && answer.strip().toLowerCase(Locale.ROOT).matches("y|yes|o|oui");
    }

    @Override
    public Optional<char[]> password(String prompt) {
        return Optional.ofNullable(console.readPassword("%s", prompt));
    }

    @Override
    public void info(String line) {
        endBar();
        log.ifPresent(file -> file.line(line));
        if (!quiet) {
            err.println(terminal.interactive() ? line : LogFile.stamp(clock) + " " + line);
            err.flush();
        }
    }

    @Override
    public void warning(String line) {
        endBar();
        log.ifPresent(file -> file.line(t("warning", line)));
        if (!quiet) {
            err.println(terminal.warning(t("warning", line)));
            err.flush();
        }
    }

    @Override
    public void progress(int done, int planned) {
        // More may go than planned (the quota frees slots as the run goes on).
        int total = Math.max(planned, done);
        long now = System.nanoTime();
        if (start == 0) {
            start = now - 1;
        }
        boolean last = done >= total;
        if (terminal.interactive() && !quiet) {
            if (last || now - lastDrawn > 100_000_000L) {
                String figures = figures(done, total, now);
                int filled = Math.min(BAR_WIDTH, total == 0 ? BAR_WIDTH : (int) ((long) BAR_WIDTH * done / total));
                err.print("\r[" + "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled) + "] " + figures + "   ");
                err.flush();
                barShown = true;
                lastDrawn = now;
            }
            if (last) {
                endBar();
            }
        } else if (last || now - lastLine >= LINE_EVERY_SECONDS * 1_000_000_000L) {
            lastLine = now;
            String line = t("progress.line", figures(done, total, now));
            log.ifPresent(file -> file.line(line));
            if (!quiet) {
                err.println(LogFile.stamp(clock) + " " + line);
                err.flush();
            }
        }
    }

    /** "120/2000, 35.2/s, about 0:53 left": formatted only when shown (a run calls progress per message). */
    private String figures(int done, int total, long now) {
        double seconds = Math.max(1e-3, (now - start) / 1e9);
        double rate = done / seconds;
        String eta = rate > 0 && total > done ? format(Duration.ofSeconds((long) ((total - done) / rate))) : "0:00";
        return t("progress.figures", done, total, String.format(Locale.ROOT, "%.1f", rate), eta);
    }

    private void endBar() {
        if (barShown) {
            err.println();
            err.flush();
            barShown = false;
        }
    }

    private static String format(Duration duration) {
        long seconds = duration.toSeconds();
        return seconds >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }

    @Override
    public RunReport report(SendSummary summary) {
        return SendText.report(summary);
    }

    @Override
    public RunReport report(InboxSummary summary) {
        return InboxText.report(summary);
    }

    @Override
    public Optional<PrintStream> smtpDebug() {
        return Optional.of(new PrintStream(new LineWriter(err), true, StandardCharsets.UTF_8));
    }

    /** Bytes from Angus's debug stream, as lines on the error writer. */
    private static final class LineWriter extends OutputStream {
        private final PrintWriter target;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        LineWriter(PrintWriter target) {
            this.target = target;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                target.println(line.toString(StandardCharsets.UTF_8));
                target.flush();
                line.reset();
            } else {
                line.write(b);
            }
        }
    }
}
