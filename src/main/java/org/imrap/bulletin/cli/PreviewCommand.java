package org.imrap.bulletin.cli;

import static org.imrap.bulletin.Text.t;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.ExitCode;
import org.imrap.bulletin.Text;
import org.imrap.bulletin.config.Workspace;
import org.imrap.bulletin.preview.PreviewRequest;
import org.imrap.bulletin.preview.PreviewResult;
import org.imrap.bulletin.preview.PreviewService;
import org.imrap.bulletin.preview.live.LiveRequest;
import org.imrap.bulletin.preview.live.LivePreview;
import org.imrap.bulletin.render.FrenchDates;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bulletin preview}: writes the bulletin as HTML, text and .eml files to look at before sending, or with
 * {@code --serve} shows it live in a browser while the news are written.
 */
@Command(name = "preview", sortOptions = false, mixinStandardHelpOptions = true)
final class PreviewCommand extends BaseCommand implements Callable<Integer> {
    private static final Path HERE = Path.of("").toAbsolutePath();

    @Mixin
    MonthOption month;

    @Mixin
    AudienceOption audience;

    @Option(names = "--recipient", paramLabel = "EMAIL")
    String recipient;

    @Option(names = "--out", paramLabel = "DIR")
    Path out;

    @Option(names = "--attach", paramLabel = "FILE")
    java.util.List<Path> attach = new java.util.ArrayList<>();

    @Option(names = "--open")
    boolean open;

    @Option(names = "--serve")
    boolean serve;

    @Option(names = "--port", paramLabel = "N")
    Integer port;

    @Override
    public Integer call() {
        Workspace workspace = parent.workspace();
        if (serve) {
            return serve(workspace);
        }
        if (port != null) {
            throw new BulletinException(ExitCode.USAGE, t("live.portWithoutServe"), null);
        }
        Path outDir = out != null ? out.toAbsolutePath() : workspace.outDir().resolve("preview");
        PreviewResult result = new PreviewService(parent.clock)
                .preview(new PreviewRequest(workspace, month.month(parent.clock), audience.lists(),
                        Optional.ofNullable(recipient), outDir, attach));

        PrintWriter stdout = out();
        PrintWriter stderr = err();
        stderr.println(t("preview.done", result.month(), FrenchDates.month(result.month()),
                Text.count(result.items(), "count.newsItem"), describe(result)));
        result.newsNotices().forEach(notice -> stderr.println(t("warning", notice.describe(HERE))));
        AudienceText.warnings(result.audience(), stderr);
        result.warnings().forEach(warning -> stderr.println(t("warning", warning)));
        stderr.println(AudienceText.oneLine(result.audience()));
        stderr.flush();
        for (Path file : new Path[] {result.html(), result.text(), result.eml()}) {
            stdout.println(Paths.shown(file));
        }
        stdout.flush();
        if (open) {
            Browser.open(result.html(), parent.env, stderr);
        }
        return 0;
    }

    /**
     * Serves the live preview until Ctrl-C (the shutdown hook stops the server) or, for a caller that runs the
     * command in a thread of its own, until that thread is interrupted.
     */
    private int serve(Workspace workspace) {
        if (out != null) {
            throw new BulletinException(ExitCode.USAGE, t("live.outWithServe"), null);
        }
        int chosen = port == null ? 0 : port;
        if (chosen < 0 || chosen > 65535) {
            throw new BulletinException(ExitCode.USAGE, t("live.badPort"), null);
        }
        LivePreview live = LivePreview.start(new LiveRequest(workspace, month.month(parent.clock), audience.lists(),
                Optional.ofNullable(recipient), attach, chosen), parent.clock);
        PrintWriter stderr = err();
        Thread stopOnCtrlC = new Thread(() -> {
            live.close();
            stderr.println(t("live.stopped"));
            stderr.flush();
        }, "bulletin-stop");
        Runtime.getRuntime().addShutdownHook(stopOnCtrlC);
        try {
            out().println(live.address());
            out().flush();
            stderr.println(t("live.serving", live.address()));
            if (Browser.tryOpen(live.address().toString(), parent.env)) {
                stderr.println(t("live.opened"));
            }
            stderr.flush();
            live.awaitClose();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            live.close();
            try {
                if (Runtime.getRuntime().removeShutdownHook(stopOnCtrlC)) {
                    stderr.println(t("live.stopped"));
                    stderr.flush();
                }
            } catch (IllegalStateException e) {
                // Shutting down: the hook is running and says it stopped.
            }
        }
        return 0;
    }

    private static String describe(PreviewResult result) {
        if (result.standIn()) {
            return t("preview.standIn", result.recipient().email());
        }
        String name = result.recipient().name();
        return t("preview.for", name.isEmpty() ? "" : name + " ", result.recipient().email(), result.recipient().list());
    }
}
