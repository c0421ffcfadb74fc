package org.imrap.bulletin.mail;

import java.nio.file.Path;

/**
 * A file every message carries, as a plan lists it.
 *
 * @param file     as named on the command line or in {@code attachments=}
 * @param realPath where it lies, links resolved: what is read
 * @param bytes    its size
 */
public record AttachedFile(Path file, Path realPath, long bytes) {
}
