package org.imrap.bulletin.cli;

import static org.imrap.bulletin.Text.t;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.ExitCode;
import org.imrap.bulletin.Printable;
import org.imrap.bulletin.config.Settings;
import org.imrap.bulletin.config.SmtpSettings;
import org.imrap.bulletin.config.Workspace;
import org.imrap.bulletin.inbox.BounceLog;
import org.imrap.bulletin.journal.CsvLog;
import org.imrap.bulletin.journal.JournalFile;
import org.imrap.bulletin.journal.JournalRow;
import org.imrap.bulletin.journal.JournalState;
import org.imrap.bulletin.mail.Status;
import org.imrap.bulletin.news.NewsFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bulletin journal}: what a campaign's journal says — counts, and who failed or is deferred, and why.
 * A real server and the sandbox keep separate journals: {@code --smtp-host} (or {@code BULLETIN_SMTP_HOST})
 * picks one as {@code send} would; without either, every journal the campaign has is shown, each labelled,
 * since {@code smtp.host} in the settings need not be the server the last send used.
 */
@Command(name = "journal", mixinStandardHelpOptions = true)
final class JournalCommand extends BaseCommand implements Callable<Integer> {

    @Mixin
    MonthOption month;

    @Option(names = "--campaign", paramLabel = "NAME")
    String campaign;

    @Mixin
    SmtpHostOption smtpHost;

    @Override
    public Integer call() {
        Workspace workspace = parent.workspace();
        String name = campaign != null ? campaign
                : new NewsFolder(workspace.newsDir()).select(month.month(parent.clock)).month().toString();
        Optional<String> chosen = SmtpSettings.chosenHost(parent.env, smtpHost.host);
        List<Boolean> sandboxes = new ArrayList<>();
        if (chosen.isPresent()) {
            sandboxes.add(chosen.get().equals(SmtpSettings.SANDBOX));
        } else {
            for (boolean sandbox : new boolean[] {false, true}) {
                if (Files.exists(JournalFile.of(workspace, sandbox, name))) {
                    sandboxes.add(sandbox);
                }
            }
            if (sandboxes.isEmpty()) {
                sandboxes.add(SmtpSettings.host(Settings.load(workspace.settingsFile()), parent.env, null)
                        .equals(SmtpSettings.SANDBOX));
            }
        }
        PrintWriter out = out();
        for (boolean sandbox : sandboxes) {
            Path file = JournalFile.of(workspace, sandbox, name);
            if (!Files.exists(file)) {
                throw new BulletinException(ExitCode.NO_INPUT, t("journal.none", name, file), t("journal.none.hint"));
            }
            if (sandboxes.size() > 1 && sandbox) {
                out.println();
            }
            String label = sandbox ? t("journal.sandbox") : sandboxes.size() > 1 ? t("journal.real") : "";
            show(out, workspace, name, file, label, !sandbox);
        }
        out.flush();
        return 0;
    }

    /** One journal; with the bounces the inbox recorded against the campaign (they are about real sends). */
    private void show(PrintWriter out, Workspace workspace, String name, Path file, String label, boolean bounces) {
        JournalState state = JournalState.read(file);
        out.println(t("journal.campaign", name, label, Paths.shown(file)));
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
        if (!bounces) {
            return;
        }
        List<List<String>> rows = new CsvLog(BounceLog.file(workspace), BounceLog.HEADER).rows()
                .stream().filter(row -> row.get(1).equals(name)).toList();
        if (!rows.isEmpty()) {
            out.println(t("journal.bounces", rows.size()));
            rows.forEach(row -> out.println(Printable.escape("  " + row.get(2) + " (" + row.get(3) + ", " + row.get(4)
                    + ", " + row.get(0) + "): " + row.get(5))));
        }
    }
}
