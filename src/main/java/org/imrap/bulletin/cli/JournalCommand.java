package org.imrap.bulletin.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.ExitCode;
import org.imrap.bulletin.config.Settings;
import org.imrap.bulletin.config.SmtpSettings;
import org.imrap.bulletin.config.Workspace;
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
            throw new BulletinException(ExitCode.NO_INPUT, "no journal for the campaign " + name + " (" + file + ")",
                    "nothing has been sent in it yet; 'bulletin send' writes it");
        }
        JournalState state = JournalState.read(file);
        PrintWriter out = out();
        out.println("Campaign " + name + (sandbox ? " (sandbox)" : "") + ": " + Paths.shown(file));
        out.println("  sent " + state.count(Status.SENT) + ", failed " + state.count(Status.FAILED) + ", deferred "
                + state.count(Status.DEFERRED));
        for (Status status : new Status[] {Status.FAILED, Status.DEFERRED}) {
            boolean title = false;
            for (JournalRow row : state.notSent()) {
                if (row.status() == status) {
                    if (!title) {
                        out.println(status == Status.FAILED ? "Failed:" : "Deferred:");
                        title = true;
                    }
                    out.println("  " + row.email() + " (" + row.list() + ", " + row.time() + "): " + row.reply());
                }
            }
        }
        out.flush();
        return 0;
    }
}
