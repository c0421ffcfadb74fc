package org.imrap.bulletin.archive;

import static org.imrap.bulletin.Text.t;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.ExitCode;
import org.imrap.bulletin.io.AtomicFile;

/**
 * The folder the archive is written to ({@code --out}, default {@code out/site/}). Every file is written inside
 * it, in one step ({@link AtomicFile}), readable by everyone, and only when its bytes change: a file that stays
 * the same keeps its date, so rsync and scp copy only what changed. A month's folder that is a symbolic link is
 * refused rather than written through. What bulletin wrote there and no longer belongs to the archive (a month
 * no longer in it, an image a page no longer shows) is taken away; nothing else is ever touched.
 */
final class SiteFolder {
    static final Pattern MONTH_FOLDER = Pattern.compile("\\d{4}-\\d{2}");
    /** The images bulletin writes beside a page: named by their content. */
    static final Pattern IMAGE_FILE = Pattern.compile("[0-9a-f]{16}\\.(png|jpg|gif|webp)");

    private final Path root;
    private final List<Path> written = new ArrayList<>();
    private final List<Path> unchanged = new ArrayList<>();
    private final List<Path> removed = new ArrayList<>();

    SiteFolder(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    Path root() {
        return root;
    }

    /** {@code name} in the folder ({@code index.html}, {@code 2022-08/index.html}): written if its bytes differ. */
    void write(String name, byte[] bytes) {
        Path file = root.resolve(name).normalize();
        if (!file.startsWith(root) || file.equals(root)) {
            throw new IllegalArgumentException("outside the archive: " + name);
        }
        Path folder = file.getParent();
        if (!folder.equals(root) && Files.isSymbolicLink(folder)) {
            throw new BulletinException(ExitCode.CANNOT_CREATE, t("archive.linkedFolder", folder),
                    t("archive.linkedFolder.hint"));
        }
        if (same(file, bytes)) {
            unchanged.add(file);
            return;
        }
        AtomicFile.writePublic(file, bytes);
        written.add(file);
    }

    private static boolean same(Path file, byte[] bytes) {
        try {
            return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && Files.size(file) == bytes.length
                    && Arrays.equals(Files.readAllBytes(file), bytes);
        } catch (IOException e) {
            return false;  // written again
        }
    }

    /**
     * Takes away what an earlier run wrote and this one did not: in the folders of {@code months}, the images no
     * page shows any more; the pages and images of every other month's folder, not in {@code keep}, and that
     * folder when nothing else is left in it. Only files named as bulletin names them are taken.
     */
    void prune(Set<YearMonth> months, Set<YearMonth> keep) {
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<Path> folders;
        try (Stream<Path> listing = Files.list(root)) {
            folders = listing.filter(path -> MONTH_FOLDER.matcher(path.getFileName().toString()).matches())
                    .filter(path -> Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
        } catch (IOException e) {
            throw cannotRemove(root, e);
        }
        for (Path folder : folders) {
            YearMonth month;
            try {
                month = YearMonth.parse(folder.getFileName().toString());
            } catch (java.time.format.DateTimeParseException e) {
                continue;
            }
            if (keep.contains(month) && !months.contains(month)) {
                continue;
            }
            boolean whole = !months.contains(month);
            List<Path> files;
            try (Stream<Path> listing = Files.list(folder)) {
                files = listing.filter(path -> Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
            } catch (IOException e) {
                throw cannotRemove(folder, e);
            }
            for (Path file : files) {
                String name = file.getFileName().toString();
                boolean ours = IMAGE_FILE.matcher(name).matches() || (whole && name.equals(ArchiveService.PAGE));
                if (ours && !written.contains(file) && !unchanged.contains(file)) {
                    delete(file);
                }
            }
            if (whole) {
                try (Stream<Path> left = Files.list(folder)) {
                    if (left.findAny().isEmpty()) {
                        delete(folder);
                    }
                } catch (IOException e) {
                    throw cannotRemove(folder, e);
                }
            }
        }
    }

    private void delete(Path path) {
        try {
            Files.delete(path);
            removed.add(path);
        } catch (IOException e) {
            throw cannotRemove(path, e);
        }
    }

    private static BulletinException cannotRemove(Path path, IOException e) {
        return new BulletinException(ExitCode.CANNOT_CREATE, t("archive.cannotRemove", path, e.getMessage()),
                t("file.cannotWrite.hint"));
    }

    List<Path> written() {
        return List.copyOf(written);
    }

    List<Path> unchanged() {
        return List.copyOf(unchanged);
    }

    List<Path> removed() {
        return List.copyOf(removed);
    }
}
