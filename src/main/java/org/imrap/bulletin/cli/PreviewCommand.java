package org.imrap.bulletin.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.YearMonth;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.imrap.bulletin.config.Workspace;
import org.imrap.bulletin.preview.PreviewRequest;
import org.imrap.bulletin.preview.PreviewResult;
import org.imrap.bulletin.preview.PreviewService;
import org.imrap.bulletin.render.FrenchDates;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code bulletin preview}: writes the bulletin as HTML, text and .eml files to look at before sending. */
@Command(name = "preview", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
            "Render a month's bulletin and write bulletin.html, bulletin.txt and bulletin.eml "
                    + "(the complete message, exactly as send builds it) without sending anything.",
            "Prints the paths of the three files."
        })
final class PreviewCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    BulletinCommand parent;

    @Option(names = "--month", paramLabel = "YYYY-MM", converter = YearMonthConverter.class,
            description = "The month of news (default: the latest month that has items).")
    YearMonth month;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Where to write the files (default: out/preview in the workspace).")
    Path out;

    @Option(names = "--open", description = "Open the HTML in a browser, or print its file URL where there is none.")
    boolean open;

    @Override
    public Integer call() {
        Workspace workspace = parent.workspace();
        Path outDir = out != null ? out.toAbsolutePath() : workspace.outDir().resolve("preview");
        PreviewResult result = new PreviewService(Clock.systemDefaultZone())
                .preview(new PreviewRequest(workspace, Optional.ofNullable(month), Optional.empty(), outDir));

        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        stderr.printf("Preview of the %s bulletin (%s): %d news item%s, rendered for %s%n",
                result.month(), FrenchDates.month(result.month()), result.items(), result.items() == 1 ? "" : "s",
                result.recipient().email());
        stderr.flush();
        for (Path file : new Path[] {result.html(), result.text(), result.eml()}) {
            stdout.println(Paths.shown(file));
        }
        stdout.flush();
        if (open) {
            Browser.open(result.html(), stderr);
        }
        return 0;
    }
}
