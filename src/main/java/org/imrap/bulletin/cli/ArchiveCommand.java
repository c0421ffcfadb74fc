package org.imrap.bulletin.cli;

import static org.imrap.bulletin.Text.t;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.concurrent.Callable;
import org.imrap.bulletin.Text;
import org.imrap.bulletin.archive.ArchiveRequest;
import org.imrap.bulletin.archive.ArchiveResult;
import org.imrap.bulletin.archive.ArchiveService;
import org.imrap.bulletin.config.SiteLayout;
import org.imrap.bulletin.config.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bulletin archive}: writes the bulletins sent so far as a static web site, ready to copy to a web host. */
@Command(name = "archive", sortOptions = false, mixinStandardHelpOptions = true)
final class ArchiveCommand extends BaseCommand implements Callable<Integer> {
    private static final Path HERE = Path.of("").toAbsolutePath();

    @Option(names = "--out", paramLabel = "DIR")
    Path out;

    @Mixin
    MonthOption month;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        return output.run(printed -> {
            Workspace workspace = parent.workspace();
            Path outDir = out != null ? out.toAbsolutePath() : SiteLayout.defaultOut(workspace);
            ArchiveResult result = new ArchiveService()
                    .archive(new ArchiveRequest(workspace, outDir, month.month(parent.clock)));

            PrintWriter stderr = printed.err();
            result.notices().forEach(notice -> stderr.println(t("warning", notice.describe(HERE))));
            result.warnings().forEach(warning -> stderr.println(t("warning", warning)));
            stderr.println(t("archive.done", Paths.shown(result.outDir()), Text.count(result.months().size(), "count.bulletin"),
                    String.join(", ", result.months().stream().map(YearMonth::toString).toList()),
                    Text.count(result.written().size(), "count.fileWritten"),
                    Text.count(result.unchanged().size(), "count.fileUnchanged"),
                    Text.count(result.removed().size(), "count.fileRemoved")));
            stderr.println(t("archive.next", Paths.shown(result.outDir())));
            stderr.flush();
            printed.out().println(Paths.shown(result.outDir().resolve(ArchiveService.PAGE)));
            return 0;
        });
    }
}
