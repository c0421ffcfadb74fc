package org.imrap.bulletin.mail;

import static org.imrap.bulletin.Text.t;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeBodyPart;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.imrap.bulletin.io.ContainedFile;
import org.imrap.bulletin.mail.MessageException.Kind;

/**
 * The files every message carries: checked when loaded (each exists, lies in an allowed folder and fits
 * the limit), read and base64-encoded once for all the messages a {@link MessageBuilder} makes.
 */
public final class Attachments {
    /** No attachment. */
    public static final Attachments NONE = new Attachments(List.of());

    private final List<Attachment> attachments;

    private Attachments(List<Attachment> attachments) {
        this.attachments = List.copyOf(attachments);
    }

    /**
     * Reads {@code files}, in order.
     *
     * @param folders where a file, links resolved, may lie ({@link ContainedFile#attachment})
     * @param limit   the largest size a file may have, in bytes
     * @throws MessageException a file missing or unreadable, or above {@code limit}
     */
    public static Attachments load(List<Path> files, List<Path> folders, long limit) {
        List<Attachment> loaded = new ArrayList<>();
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                throw new MessageException(Kind.MISSING_FILE, t("attachment.notFound", file), t("attachment.notFound.hint"));
            }
            Path real = ContainedFile.attachment(file, folders);
            try {
                long size = Files.size(real);
                if (size > limit) {
                    throw new MessageException(Kind.BAD_DATA, t("attachment.tooLarge", file, size / 1024, limit / 1024),
                            t("attachment.tooLarge.hint"));
                }
                String type = Optional.ofNullable(Files.probeContentType(file)).orElse("application/octet-stream");
                byte[] bytes = Files.readAllBytes(real);
                loaded.add(new Attachment(new AttachedFile(file, real, bytes.length), PreencodedParts.base64(bytes), type));
            } catch (IOException e) {
                throw new MessageException(Kind.MISSING_FILE, t("attachment.unreadable", file, e.getMessage()), null);
            }
        }
        return new Attachments(loaded);
    }

    /** The files, as named, with their sizes: the plan lists them. */
    public List<AttachedFile> files() {
        return attachments.stream().map(Attachment::file).toList();
    }

    boolean isEmpty() {
        return attachments.isEmpty();
    }

    /** A part for each file (RFC 2183 disposition {@code attachment}), made from the encoding done at loading. */
    List<MimeBodyPart> parts() throws MessagingException {
        List<MimeBodyPart> parts = new ArrayList<>(attachments.size());
        for (Attachment attachment : attachments) {
            MimeBodyPart part = PreencodedParts.part(attachment.base64(), attachment.contentType(), PreencodedParts.BASE64);
            part.setDisposition(MimeBodyPart.ATTACHMENT);
            part.setFileName(attachment.file().file().getFileName().toString());
            parts.add(part);
        }
        return parts;
    }

    private record Attachment(AttachedFile file, byte[] base64, String contentType) {
    }
}
