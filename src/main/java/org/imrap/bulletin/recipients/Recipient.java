package org.imrap.bulletin.recipients;

import java.util.Map;

/**
 * One person the bulletin goes to.
 *
 * @param email  the address, already validated
 * @param name   the display name, possibly empty
 * @param list   the list the person was taken from (the CSV file's name without {@code .csv})
 * @param fields every column of the person's row, for the templates (email and name included)
 */
public record Recipient(String email, String name, String list, Map<String, String> fields) {
    public Recipient {
        fields = Map.copyOf(fields);
    }
}
