package org.imrap.bulletin.cli;

import static org.imrap.bulletin.Text.t;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.imrap.bulletin.Text;
import org.imrap.bulletin.config.Workspace;
import org.imrap.bulletin.preview.PreviewRequest;
import org.imrap.bulletin.preview.PreviewResult;
import org.imrap.bulletin.preview.PreviewService;
import org.imrap.bulletin.render.FrenchDates;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bulletin preview}: writes the bulletin as HTML, text and .eml files to look at before sending. */
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

    @Override
    public Integer call() {
        Workspace workspace = parent.workspace();
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

    private static String describe(PreviewResult result) {
        if (result.standIn()) {
            return t("preview.standIn", result.recipient().email());
        }
        String name = result.recipient().name();
        return t("preview.for", name.isEmpty() ? "" : name + " ", result.recipient().email(), result.recipient().list());
    }
}
