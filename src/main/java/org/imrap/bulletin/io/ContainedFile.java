package org.imrap.bulletin.io;

import static org.imrap.bulletin.Text.t;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.ExitCode;

/**
 * The one rule for the files bulletin puts into a message (images, templates and partials, attachments):
 * a file counts by its real path, symbolic links resolved, and must lie inside one of the folders it may
 * come from, each also taken by its real path. {@code Files.isRegularFile} and {@code Files.readAllBytes}
 * follow links: without this, a link under {@code templates/} to {@code /etc/shadow}, named as a news
 * item's image, put that file into every message.
 *
 * <p>A folder given as a root may itself be a link (a workspace on a shared drive, {@code templates/}
 * linked into the launcher's training copy): that is where the user put it. What lies inside it may not
 * lead out of it.
 */
public final class ContainedFile {
    /** What the file is for: the refusal names it and says what to do instead. */
    public enum Use {
        IMAGE, TEMPLATE, ATTACHMENT;

        private String key() {
            return "outside." + name().toLowerCase(Locale.ROOT);
        }
    }

    private ContainedFile() {
    }

    /**
     * The real path of {@code file}, which must exist, if it lies inside one of {@code roots}; otherwise one
     * error (exit 65) that names the file as written, where it leads, and what to do.
     */
    public static Path realPath(Path file, Use use, List<Path> roots) {
        Path real = real(file);
        if (isInside(real, realRoots(roots))) {
            return real;
        }
        throw refusal(file, real, use, roots);
    }

    /** The real path of {@code file} if it exists and lies inside one of {@code roots}. */
    public static Optional<Path> within(Path file, List<Path> roots) {
        try {
            Path real = file.toRealPath();
            return isInside(real, realRoots(roots)) ? Optional.of(real) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * The real path of an attachment. Attachments are named one by one, on the command line or in
     * {@code attachments=}, so one may lie anywhere: a path written outside the workspace is the user's own
     * choice of that place, links and all. But a path written inside {@code workspace} (one of its folders)
     * names a file of the workspace, and someone else may have put a link there: its real path must stay
     * inside the workspace too, or the user would send a file they never named.
     */
    public static Path attachment(Path file, List<Path> workspace) {
        Path written = file.toAbsolutePath().normalize();
        List<Path> realRoots = realRoots(workspace);
        boolean writtenInside = isInside(written, realRoots)
                || workspace.stream().anyMatch(root -> written.startsWith(root.toAbsolutePath().normalize()));
        if (!writtenInside) {
            return real(file);
        }
        return realPath(file, Use.ATTACHMENT, workspace);
    }

    private static Path real(Path file) {
        try {
            return file.toRealPath();
        } catch (IOException e) {
            throw new BulletinException(ExitCode.NO_INPUT, t("file.cannotRead", file, e.getMessage()), null, e);
        }
    }

    /** The roots that exist, by their real paths (a workspace without {@code news/} has no news root). */
    private static List<Path> realRoots(List<Path> roots) {
        List<Path> real = new ArrayList<>();
        for (Path root : roots) {
            try {
                real.add(root.toRealPath());
            } catch (IOException e) {
                // A folder that does not exist holds nothing: nothing can come from it.
            }
        }
        return real;
    }

    private static boolean isInside(Path real, List<Path> realRoots) {
        return realRoots.stream().anyMatch(real::startsWith);
    }

    private static BulletinException refusal(Path file, Path real, Use use, List<Path> roots) {
        String folders = String.join(", ", roots.stream().map(Path::toString).toList());
        return new BulletinException(ExitCode.DATA_ERROR, t(use.key(), file, real, folders),
                t(use.key() + ".hint", file, real));
    }
}
