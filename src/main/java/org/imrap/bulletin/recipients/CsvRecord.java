package org.imrap.bulletin.recipients;

import java.util.List;

/** One record of a CSV file and the lines it spans (a quoted value may hold line breaks). */
record CsvRecord(int line, int lastLine, List<String> values) {

    /** A record with no value, or only blank ones: an empty row of a spreadsheet. */
    boolean isBlank() {
        return values.stream().allMatch(String::isBlank);
    }
}
