package org.imrap.bulletin.recipients;

import java.util.List;
import java.util.Map;
import org.imrap.bulletin.Problem;

/**
 * The outcome of reading an audience: counts per list, the rows that cannot be used, the people
 * found more than once, and how many distinct people the bulletin reaches.
 *
 * @param lists          one count per list, in the order they were read
 * @param problems       invalid rows and unreadable files, with file and line
 * @param duplicates     rows repeating a person already on the same list, with file and line
 * @param onSeveralLists people on more than one list (normalised address → the lists, first one reaching them)
 * @param suppressed     distinct people left out because they unsubscribed
 * @param suppressionProblems problems in the suppression list itself
 * @param reached        distinct people who receive the bulletin
 * @param warnings       files that were read but deserve a look (e.g. read as Windows-1252)
 * @param suppressionUnreadable the suppression list could not be read as a whole
 */
public record AudienceReport(List<ListCount> lists, List<Problem> problems, List<Problem> duplicates,
                             Map<String, List<String>> onSeveralLists, int suppressed,
                             List<Problem> suppressionProblems, int reached, List<Problem> warnings,
                             boolean suppressionUnreadable) {

    public boolean hasInvalidRows() {
        return !problems.isEmpty() || !suppressionProblems.isEmpty();
    }

    public boolean hasUnreadableList() {
        return lists.stream().anyMatch(ListCount::unreadable);
    }
}
