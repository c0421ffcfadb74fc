package org.imrap.bulletin.journal;

import static org.imrap.bulletin.Text.t;

import java.nio.file.Path;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.ExitCode;
import org.imrap.bulletin.config.Workspace;

/** Where a campaign's journal lives: {@code journal/<campaign>.csv} (the sandbox keeps its own). */
public final class JournalFile {
    private JournalFile() {
    }

    /**
     * {@code journal/<campaign>.csv}; for the sandbox {@code out/sandbox/journal/<campaign>.csv}, so
     * that trying bulletin out never marks anyone as sent for a real campaign.
     */
    public static Path of(Workspace workspace, boolean sandbox, String campaign) {
        checkCampaign(campaign);
        return dir(workspace, sandbox).resolve(campaign + ".csv");
    }

    /** {@code journal/}, or the sandbox's {@code out/sandbox/journal/}. */
    public static Path dir(Workspace workspace, boolean sandbox) {
        return sandbox ? workspace.outDir().resolve("sandbox").resolve("journal") : workspace.journalDir();
    }

    /** A campaign name becomes a file name: letters, digits, '-', '_' and '.' only. */
    public static void checkCampaign(String campaign) {
        if (!campaign.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}")) {
            throw new BulletinException(ExitCode.USAGE, t("journal.badCampaign", campaign),
                    t("journal.badCampaign.hint"));
        }
    }
}
