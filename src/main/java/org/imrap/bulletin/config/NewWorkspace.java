package org.imrap.bulletin.config;

import static org.imrap.bulletin.Text.t;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.ExitCode;
import org.imrap.bulletin.io.AtomicFile;

/**
 * {@code bulletin init DIR}: a fresh workspace, made from the files bundled in bulletin's jar under
 * {@code org/imrap/bulletin/workspace/} — the project's own {@code bulletin.properties} and
 * {@code templates/} (the build copies them there, so they cannot drift apart), empty lists with their
 * header, {@code recipients/unsubscribed.csv}, a {@code .gitignore}, and an example news item dated
 * today, so that {@code preview} and a sandbox {@code send} work straight away.
 */
public final class NewWorkspace {
    /** Where the bundled workspace lies among bulletin's resources. */
    static final String BUNDLE = "org/imrap/bulletin/workspace/";
    /** Maven leaves files named {@code .gitignore} out of the jar: the bundle's is named without its dot. */
    private static final String GITIGNORE = "gitignore";
    /** The example news item, renamed to {@code news/DATE-exemple.md} and dated today. */
    private static final String EXAMPLE = "news/example.md";
    private static final String DATE = "{{date}}";

    /** What was made: the workspace, and the example news item in it. */
    public record Created(Workspace workspace, Path exampleItem, List<Path> files) {
    }

    private NewWorkspace() {
    }

    /**
     * Makes a workspace in {@code dir}, which must be missing or empty (exit 73 otherwise, saying why:
     * nothing of the user's is ever overwritten or mixed in). If a file cannot be written, what was
     * made is taken away again, so the same command can be run once the cause is fixed.
     */
    public static Created create(Path dir, LocalDate today) {
        Path root = dir.toAbsolutePath().normalize();
        requireMissingOrEmpty(root);
        List<Path> made = new ArrayList<>();
        try {
            if (!Files.isDirectory(root)) {
                Path existing = root;
                while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
                    made.add(0, existing);
                    existing = existing.getParent();
                }
                Files.createDirectories(root);
            }
            List<Path> files = new ArrayList<>();
            Path example = null;
            for (var entry : bundled().entrySet()) {
                String name = entry.getKey();
                byte[] content = entry.getValue();
                Path target;
                if (name.equals(GITIGNORE)) {
                    target = root.resolve(".gitignore");
                } else if (name.equals(EXAMPLE)) {
                    target = root.resolve("news").resolve(today + "-exemple.md");
                    content = new String(content, StandardCharsets.UTF_8).replace(DATE, today.toString())
                            .getBytes(StandardCharsets.UTF_8);
                    example = target;
                } else {
                    target = root.resolve(name);
                }
                List<Path> folders = new ArrayList<>();
                for (Path folder = target.getParent(); !folder.equals(root) && !Files.exists(folder);
                        folder = folder.getParent()) {
                    folders.add(0, folder);
                }
                made.addAll(folders);
                made.add(target);
                AtomicFile.write(target, content);
                files.add(target);
            }
            if (example == null) {
                throw new IllegalStateException("bulletin's jar holds no " + BUNDLE + EXAMPLE);
            }
            made.clear();
            return new Created(new Workspace(root), example, List.copyOf(files));
        } catch (IOException e) {
            throw new BulletinException(ExitCode.CANNOT_CREATE, t("init.cannotCreate", root, e.getMessage()),
                    t("file.cannotWrite.hint"), e);
        } finally {
            undo(made);
        }
    }

    private static void requireMissingOrEmpty(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        if (!Files.isDirectory(root)) {
            throw new BulletinException(ExitCode.CANNOT_CREATE, t("init.notFolder", root), t("init.notEmpty.hint"));
        }
        List<String> names;
        try (Stream<Path> listing = Files.list(root)) {
            names = listing.map(path -> path.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new BulletinException(ExitCode.CANNOT_CREATE, t("init.cannotCreate", root, e.getMessage()),
                    t("file.cannotWrite.hint"), e);
        }
        if (names.isEmpty()) {
            return;
        }
        String shown = String.join(", ", names.subList(0, Math.min(3, names.size()))) + (names.size() > 3 ? ", …" : "");
        throw new BulletinException(ExitCode.CANNOT_CREATE, t("init.notEmpty", root, shown),
                names.contains(Workspace.SETTINGS_FILE) ? t("init.notEmpty.workspace", root) : t("init.notEmpty.hint"));
    }

    /** Takes away, newest first, the files and folders made before a failure. */
    private static void undo(List<Path> made) {
        for (int i = made.size() - 1; i >= 0; i--) {
            try {
                Files.deleteIfExists(made.get(i));
            } catch (IOException ignored) {
                // Left behind; the error that stopped init is the one to report.
            }
        }
    }

    /**
     * The bundled workspace's files by their path in it ({@code templates/footer.html.mustache}), in
     * name order: read from bulletin's jar, or from the classes folder when run from a build (tests).
     */
    static TreeMap<String, byte[]> bundled() throws IOException {
        URL marker = NewWorkspace.class.getClassLoader().getResource(BUNDLE + Workspace.SETTINGS_FILE);
        if (marker == null) {
            throw new IllegalStateException("bulletin's jar holds no " + BUNDLE + Workspace.SETTINGS_FILE);
        }
        TreeMap<String, byte[]> files = new TreeMap<>();
        if (marker.getProtocol().equals("jar")) {
            JarURLConnection connection = (JarURLConnection) marker.openConnection();
            connection.setUseCaches(false);
            try (JarFile jar = connection.getJarFile()) {
                String prefix = connection.getEntryName().substring(0, connection.getEntryName().length()
                        - Workspace.SETTINGS_FILE.length());
                for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                    JarEntry entry = entries.nextElement();
                    if (!entry.isDirectory() && entry.getName().startsWith(prefix)) {
                        try (InputStream in = jar.getInputStream(entry)) {
                            files.put(entry.getName().substring(prefix.length()), in.readAllBytes());
                        }
                    }
                }
            }
            return files;
        }
        Path folder;
        try {
            folder = Path.of(marker.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        List<Path> found;
        try (Stream<Path> walk = Files.walk(folder)) {
            found = walk.filter(Files::isRegularFile).toList();
        }
        for (Path file : found) {
            files.put(folder.relativize(file).toString().replace(java.io.File.separatorChar, '/'),
                    Files.readAllBytes(file));
        }
        return files;
    }
}
