package org.imrap.bulletin.recipients;

import java.nio.file.Path;

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
 */
public record ListCount(String name, Path file, int rows, int invalid, int duplicates, int onEarlierList,
                        int suppressed, int reached, boolean unreadable) {

    /** Rows that are usable: everything but the invalid ones. */
    public int valid() {
        return rows - invalid;
    }
}
