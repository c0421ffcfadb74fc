package org.imrap.bulletin.config;

import static org.imrap.bulletin.Text.t;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.ExitCode;

/**
 * The folder bulletin works on: the one that holds {@code bulletin.properties}, found like git
 * finds a repository, from the current folder upwards.
 */
public record Workspace(Path root) {
    public static final String SETTINGS_FILE = "bulletin.properties";

    public Workspace {
        root = root.toAbsolutePath().normalize();
    }

    /** The workspace that holds {@code start}, searching {@code start} and then its parents. */
    public static Workspace locate(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(SETTINGS_FILE))) {
                return new Workspace(dir);
            }
        }
        throw new BulletinException(ExitCode.NO_INPUT,
                t("workspace.none", SETTINGS_FILE, start.toAbsolutePath().normalize()), t("workspace.none.hint"));
    }

    /** The workspace named on the command line: it must hold the settings file itself. */
    public static Workspace at(Path dir) {
        if (!Files.isRegularFile(dir.resolve(SETTINGS_FILE))) {
            throw new BulletinException(ExitCode.NO_INPUT,
                    t("workspace.missing", SETTINGS_FILE, dir.toAbsolutePath().normalize()), t("workspace.missing.hint"));
        }
        return new Workspace(dir);
    }

    public Path settingsFile() {
        return root.resolve(SETTINGS_FILE);
    }

    public Path newsDir() {
        return root.resolve("news");
    }

    public Path templatesDir() {
        return root.resolve("templates");
    }

    public Path recipientsDir() {
        return root.resolve("recipients");
    }

    public Path journalDir() {
        return root.resolve("journal");
    }

    public Path outDir() {
        return root.resolve("out");
    }

    /**
     * The folders whose files may go into a message (images, attachments named inside the workspace): the
     * workspace, and its {@code templates/} and {@code news/} wherever a link of the folder itself puts them.
     */
    public List<Path> messageFolders() {
        return List.of(root, templatesDir(), newsDir());
    }
}
