package org.imrap.bulletin.io;

import static org.imrap.bulletin.Text.t;

import java.nio.charset.Charset;
import java.nio.file.Path;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.ExitCode;

/**
 * A file that is not valid text in its charset, and where: the 1-based line and column (in bytes) and the
 * 0-based offset in the file of the first byte that is not. Bad data (exit 65) unless the caller says
 * otherwise.
 */
public final class MalformedTextException extends BulletinException {
    private final transient Path file;
    private final int line;
    private final int column;
    private final long offset;
    private final int badByte;

    MalformedTextException(Path file, Charset charset, int line, int column, long offset, int badByte) {
        super(ExitCode.DATA_ERROR, t("text.malformed", file, line, column, charset.displayName(),
                String.format("%02X", badByte), offset), t("text.malformed.hint"));
        this.file = file;
        this.line = line;
        this.column = column;
        this.offset = offset;
        this.badByte = badByte;
    }

    public Path file() {
        return file;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    public long offset() {
        return offset;
    }

    /** The byte, as two hexadecimal digits ({@code E9}). */
    public String badByte() {
        return String.format("%02X", badByte);
    }
}
