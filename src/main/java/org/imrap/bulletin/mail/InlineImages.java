package org.imrap.bulletin.mail;

import static org.imrap.bulletin.Text.t;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeBodyPart;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.imrap.bulletin.io.ContainedFile;
import org.imrap.bulletin.mail.MessageException.Kind;

/**
 * The images an HTML part shows, carried inside the message (multipart/related, RFC 2387) and named
 * by Content-ID (RFC 2392): a local {@code <img src="images/logo.png">} becomes {@code cid:…}, so the
 * bulletin shows its pictures without fetching anything. Every image must have alt text. Files are
 * read once, scaled down to what the bulletin needs ({@link ImageScaler}), and kept for the next
 * messages; the files themselves are never changed.
 */
final class InlineImages {
    private static final Pattern SRC = Pattern.compile("(?<=\\s)src\\s*=\\s*\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern ALT = Pattern.compile("(?<=\\s)alt\\s*=\\s*\"[^\"]*\\S[^\"]*\"", Pattern.CASE_INSENSITIVE);

    /** One image file, as carried in every message. */
    record Image(Path file, String contentId, String contentType, byte[] bytes, byte[] base64) {
        Image(Path file, String contentId, String contentType, byte[] bytes) {
            this(file, contentId, contentType, bytes, PreencodedParts.base64(bytes));
        }

        MimeBodyPart part() throws MessagingException {
            MimeBodyPart part = PreencodedParts.part(base64, contentType, PreencodedParts.BASE64);
            part.setContentID("<" + contentId + ">");
            part.setDisposition(MimeBodyPart.INLINE);
            part.setFileName(file.getFileName().toString());
            return part;
        }
    }

    /** An HTML part with its images carried inline. */
    record Inlined(String html, List<Image> images) {
        long bytes() {
            return images.stream().mapToLong(image -> image.bytes().length).sum();
        }
    }

    private final List<Path> searchDirs;
    private final List<Path> folders;
    private final String domain;
    private final int maxSide;
    private final Consumer<String> warnings;
    private final Map<String, Image> cache = new LinkedHashMap<>();

    /**
     * Relative {@code src} paths are looked for in {@code searchDirs}, in order; the file found, links
     * resolved, must lie in one of {@code folders} ({@link ContainedFile}).
     *
     * @param maxSide  a JPEG or PNG longer than this on its longer side is scaled down to it
     * @param warnings told, once per file, of an image that had to go as it is
     */
    InlineImages(List<Path> searchDirs, List<Path> folders, String domain, int maxSide, Consumer<String> warnings) {
        this.searchDirs = List.copyOf(searchDirs);
        this.folders = List.copyOf(folders);
        this.domain = domain;
        this.maxSide = maxSide;
        this.warnings = warnings;
    }

    Inlined inline(String html) {
        Map<String, Image> used = new LinkedHashMap<>();
        String inlined = replaceLocalSources(html, IncompleteTag.REFUSE, location -> {
            Image image = load(location);
            used.put(image.contentId(), image);
            return "cid:" + image.contentId();
        });
        return new Inlined(inlined, used.isEmpty() ? List.of() : new ArrayList<>(used.values()));
    }

    /** What {@link #replaceLocalSources} does with an {@code <img>} tag without src or alt text. */
    private enum IncompleteTag { REFUSE, LEAVE }

    /**
     * The HTML with the src of each {@code <img>} that names a local file replaced by {@code replacement} of it;
     * the HTML itself when it has none. A tag without src or alt text is refused, or left as it is.
     */
    private static String replaceLocalSources(String html, IncompleteTag incomplete, Function<String, String> replacement) {
        StringBuilder out = null;  // made at the first local image: without one, the HTML is kept as it is
        int copied = 0;
        for (int[] tag = nextImg(html, 0); tag != null; tag = nextImg(html, tag[1])) {
            String text = html.substring(tag[0], tag[1]);
            Matcher src = SRC.matcher(text);
            boolean hasSrc = src.find();
            if (incomplete == IncompleteTag.REFUSE) {
                if (!hasSrc) {
                    throw new MessageException(Kind.BAD_DATA, t("image.noSrc", text), t("image.noSrc.hint"));
                }
                if (!ALT.matcher(text).find()) {
                    throw new MessageException(Kind.BAD_DATA, t("image.noAlt", src.group(1)), t("image.noAlt.hint"));
                }
            }
            if (hasSrc && isLocal(src.group(1))) {
                if (out == null) {
                    out = new StringBuilder(html.length() + 64);
                }
                out.append(html, copied, tag[0] + src.start(1)).append(replacement.apply(src.group(1)));
                copied = tag[0] + src.end(1);
            }
        }
        return out == null ? html : out.append(html, copied, html.length()).toString();
    }

    /**
     * Where the next {@code <img …>} tag from {@code from} starts and ends, or null. Found by looking at
     * each {@code <}: a case-insensitive regular expression over the whole bulletin cost more than the rest
     * of building a message.
     */
    private static int[] nextImg(String html, int from) {
        for (int start = html.indexOf('<', from); start >= 0; start = html.indexOf('<', start + 1)) {
            int after = start + 4;
            if (after <= html.length() && isAsciiLetter(html, start + 1, 'i') && isAsciiLetter(html, start + 2, 'm')
                    && isAsciiLetter(html, start + 3, 'g')
                    && (after == html.length() || !isWordCharacter(html.charAt(after)))) {
                int end = html.indexOf('>', after);
                return end < 0 ? null : new int[] {start, end + 1};
            }
        }
        return null;
    }

    /** The HTML with local images pointing at their files, for a browser to show the preview. */
    String withFileUrls(String html) {
        return replaceLocalSources(html, IncompleteTag.LEAVE, location -> load(location).file().toUri().toString());
    }

    /**
     * The HTML with each local image pointing at a file beside the page, and those files: the bytes the message
     * carries (found, checked and scaled as for a message), named by their content — the first 16 hex digits of
     * their SHA-256, as in the Content-ID, and the type's extension — so the same image always has the same name.
     */
    Beside withFilesBeside(String html) {
        Map<String, byte[]> files = new java.util.TreeMap<>();
        String page = replaceLocalSources(html, IncompleteTag.REFUSE, location -> {
            Image image = load(location);
            String name = image.contentId().substring(0, image.contentId().indexOf('@')) + "."
                    + image.contentType().substring("image/".length()).replace("jpeg", "jpg");
            files.put(name, image.bytes());
            return name;
        });
        return new Beside(page, files);
    }

    /** A page's HTML whose local images are files beside it, and those files by name. */
    record Beside(String html, Map<String, byte[]> files) {
    }

    /** The ASCII letter {@code lower} in either case at {@code at} (no other alphabet's look-alikes). */
    private static boolean isAsciiLetter(String text, int at, char lower) {
        return (text.charAt(at) | 0x20) == lower;
    }

    private static boolean isWordCharacter(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private static boolean isLocal(String location) {
        String lower = location.toLowerCase(Locale.ROOT);
        return !(lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("cid:")
                || lower.startsWith("data:") || lower.startsWith("//"));
    }

    private synchronized Image load(String location) {
        Image cached = cache.get(location);
        if (cached != null) {
            return cached;
        }
        for (Path dir : searchDirs) {
            Path file = dir.resolve(location).normalize();
            if (file.startsWith(dir.normalize()) && Files.isRegularFile(file)) {
                Path real = ContainedFile.realPath(file, ContainedFile.Use.IMAGE, folders);
                // The type of what is read: a link named logo.png to a list or a secret is no image.
                String type = real.getFileName().equals(file.getFileName()) ? contentType(file) : contentType(real);
                try {
                    ImageScaler.Fitted fitted = ImageScaler.fit(Files.readAllBytes(real), type, maxSide);
                    byte[] bytes = fitted.bytes();
                    fitted.notScaled().ifPresent(why -> warnings.accept(t("image.notScaled", file,
                            MessageBuilder.kilobytes(bytes.length), why)));
                    String id = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(bytes)).substring(0, 16) + "@" + domain;
                    Image image = new Image(file, id, type, bytes);
                    cache.put(location, image);
                    return image;
                } catch (IOException | java.security.NoSuchAlgorithmException e) {
                    throw new MessageException(Kind.MISSING_FILE, t("image.unreadable", file, e.getMessage()), null);
                }
            }
        }
        throw new MessageException(Kind.MISSING_FILE, t("image.notFound", location,
                String.join(", ", searchDirs.stream().map(Path::toString).toList())), t("image.notFound.hint"));
    }

    private static String contentType(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".png")) {
            return "image/png";
        }
        if (name.endsWith(".jpg") || name.endsWith(".jpeg")) {
            return "image/jpeg";
        }
        if (name.endsWith(".gif")) {
            return "image/gif";
        }
        if (name.endsWith(".webp")) {
            return "image/webp";
        }
        throw new MessageException(Kind.BAD_DATA, t("image.format", file), t("image.format.hint"));
    }
}
