package org.imrap.bulletin.recipients;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What one list holds, as an audience sees it.
 *
 * @param rows              rows that are not blank, header excluded
 * @param invalid           rows that cannot be used (reported with file:line)
 * @param duplicates        rows whose person is already on an earlier line of the same list
 * @param onEarlierList     people already reached through a list chosen before this one
 * @param suppressed        people on the suppression list
 * @param reached           people this list adds to the audience
 * @param unreadable        the file as a whole could not be used (some rows may be counted)
 * @param columns           its header, once read: which column is the email, the name …
 */
public record ListCount(String name, Path file, int rows, int invalid, int duplicates, int onEarlierList,
                        int suppressed, int reached, boolean unreadable, Optional<Columns> columns) {

    /** The file was read, but no column holds the email addresses. */
    public boolean noEmailColumn() {
        return columns.isPresent() && !columns.get().hasEmail();
    }

    /** Rows that are usable: everything but the invalid ones. */
    public int valid() {
        return rows - invalid;
    }
}
