package org.imrap.bulletin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.imrap.bulletin.config.Workspace;

/** A copy of the project's sample workspace (its root) in a temporary folder, for a test to change freely. */
public final class SampleWorkspace {
    private static final Path PROJECT = Path.of("").toAbsolutePath();

    private SampleWorkspace() {
    }

    public static Workspace copyTo(Path dir) {
        for (String name : new String[] {"bulletin.properties", "news", "templates", "recipients"}) {
            copy(PROJECT.resolve(name), dir.resolve(name));
        }
        return new Workspace(dir);
    }

    private static void copy(Path from, Path to) {
        if (!Files.exists(from)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A valid 1×1 PNG, for tests of images. */
    public static byte[] tinyPng() {
        return java.util.Base64.getDecoder().decode(
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
    }
}
