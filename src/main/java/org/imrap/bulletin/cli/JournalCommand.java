package org.imrap.bulletin.cli;

import static org.imrap.bulletin.Text.t;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.ExitCode;
import org.imrap.bulletin.Printable;
import org.imrap.bulletin.config.Settings;
import org.imrap.bulletin.config.SmtpSettings;
import org.imrap.bulletin.config.Workspace;
import java.util.List;
import org.imrap.bulletin.inbox.InboxService;
import org.imrap.bulletin.journal.CsvLog;
import org.imrap.bulletin.journal.JournalFile;
import org.imrap.bulletin.journal.JournalRow;
import org.imrap.bulletin.journal.JournalState;
import org.imrap.bulletin.journal.Status;
import org.imrap.bulletin.news.NewsFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bulletin journal}: what a campaign's journal says — counts, and who failed or is deferred, and why. */
@Command(name = "journal", mixinStandardHelpOptions = true)
final class JournalCommand extends BaseCommand implements Callable<Integer> {

    @Mixin
    MonthOption month;

    @Option(names = "--campaign", paramLabel = "NAME")
    String campaign;

    @Override
    public Integer call() {
        Workspace workspace = parent.workspace();
        boolean sandbox = SmtpSettings.resolve(Settings.load(workspace.settingsFile()), parent.env,
                SmtpSettings.Overrides.NONE).isSandbox();
        String name = campaign != null ? campaign
                : new NewsFolder(workspace.newsDir()).select(month.month(parent.clock)).month().toString();
        Path file = JournalFile.of(workspace, sandbox, name);
        if (!Files.exists(file)) {
            throw new BulletinException(ExitCode.NO_INPUT, t("journal.none", name, file), t("journal.none.hint"));
        }
        JournalState state = JournalState.read(file);
        PrintWriter out = out();
        out.println(t("journal.campaign", name, sandbox ? t("journal.sandbox") : "", Paths.shown(file)));
        out.println(t("journal.counts", state.count(Status.SENT), state.count(Status.FAILED), state.count(Status.DEFERRED)));
        for (Status status : new Status[] {Status.FAILED, Status.DEFERRED}) {
            boolean title = false;
            for (JournalRow row : state.notSent()) {
                if (row.status() == status) {
                    if (!title) {
                        out.println(t(status == Status.FAILED ? "journal.failed" : "journal.deferred"));
                        title = true;
                    }
                    out.println(Printable.escape("  " + row.email() + " (" + row.list() + ", " + row.time() + "): " + row.reply()));
                }
            }
        }
        List<List<String>> bounces = new CsvLog(InboxService.bouncesFile(workspace), InboxService.BOUNCES_HEADER).rows()
                .stream().filter(row -> row.get(1).equals(name)).toList();
        if (!bounces.isEmpty()) {
            out.println(t("journal.bounces", bounces.size()));
            bounces.forEach(row -> out.println(Printable.escape("  " + row.get(2) + " (" + row.get(3) + ", " + row.get(4)
                    + ", " + row.get(0) + "): " + row.get(5))));
        }
        out.flush();
        return 0;
    }
}
