package org.imrap.bulletin.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The one strict reader of text files: every byte must be valid in the charset (UTF-8 unless said), or
 * the reader names the first one that is not — its file, line, column and offset — in a
 * {@link MalformedTextException}. Nothing is ever replaced by {@code �}: a setting, a news item or a journal
 * row read with a character guessed would be wrong without anyone knowing. Each caller turns the error into
 * its own message and exit code (a setting is bad configuration, a news item or a list bad data).
 */
public final class StrictText {
    private static final int CHUNK = 64 * 1024;

    private StrictText() {
    }

    /** The whole of {@code file} as UTF-8. */
    public static String read(Path file) throws IOException {
        return decode(file, Files.readAllBytes(file));
    }

    /** {@code bytes}, the content of {@code file}, as UTF-8. */
    public static String decode(Path file, byte[] bytes) {
        return decode(file, bytes, 0, bytes.length);
    }

    /**
     * Bytes {@code from} to {@code to} of {@code bytes} as UTF-8; an error names the line and column
     * counted from {@code from}, which the caller may know as a line of its own.
     */
    public static String decode(Path file, byte[] bytes, int from, int to) {
        ByteBuffer in = ByteBuffer.wrap(bytes, from, to - from);
        try {
            return decoder(StandardCharsets.UTF_8).decode(in).toString();
        } catch (CharacterCodingException e) {
            // The decoder stops with the input at the first byte it could not take.
            int offset = in.position();
            int line = 1;
            int lineStart = from;
            for (int i = from; i < offset; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            throw new MalformedTextException(file, StandardCharsets.UTF_8, line, offset - lineStart + 1,
                    offset - from, bytes[offset] & 0xFF);
        }
    }

    /**
     * Checks the bytes of {@code file} as they come, in constant memory, for files as large as a recipient list
     * may be and for a caller that reads them once for several purposes: {@link #feed} each piece in order, then
     * {@link #end}.
     */
    public static final class Check {
        private final Path file;
        private final Charset charset;
        private final CharsetDecoder decoder;
        private final ByteBuffer in = ByteBuffer.allocate(CHUNK);
        private final CharBuffer out = CharBuffer.allocate(CHUNK);
        private int line = 1;
        private long consumed; // bytes of the file before in's position 0
        private long lineStart;
        private MalformedTextException error;

        public Check(Path file, Charset charset) {
            this.file = file;
            this.charset = charset;
            this.decoder = decoder(charset);
        }

        /** The next {@code count} bytes of the file. */
        public void feed(byte[] bytes, int count) {
            for (int from = 0; from < count && error == null; ) {
                int n = Math.min(in.remaining(), count - from);
                in.put(bytes, from, n);
                from += n;
                decode(false);
            }
        }

        /** The file has no more bytes: where it was first not valid, if anywhere. */
        public Optional<MalformedTextException> end() {
            decode(true);
            return Optional.ofNullable(error);
        }

        private void decode(boolean end) {
            if (error != null) {
                return;
            }
            in.flip();
            while (true) {
                int start = in.position();
                CoderResult result = decoder.decode(in, out, end);
                for (int i = start; i < in.position(); i++) {
                    if (in.get(i) == '\n') {
                        line++;
                        lineStart = consumed + i + 1;
                    }
                }
                if (result.isError()) {
                    long offset = consumed + in.position();
                    error = new MalformedTextException(file, charset, line,
                            (int) Math.min(Integer.MAX_VALUE, offset - lineStart + 1), offset, in.get(in.position()) & 0xFF);
                    return;
                }
                out.clear();
                if (!result.isOverflow()) {
                    break;
                }
            }
            consumed += in.position();
            in.compact();
        }
    }

    private static CharsetDecoder decoder(Charset charset) {
        return charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }
}
