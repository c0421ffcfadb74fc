package org.imrap.bulletin.cli;

import static org.imrap.bulletin.Text.t;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.imrap.bulletin.Problem;
import org.imrap.bulletin.Text;
import org.imrap.bulletin.recipients.AudienceReport;
import org.imrap.bulletin.recipients.Columns;
import org.imrap.bulletin.recipients.ListCount;

/** How an audience report reads on a terminal. */
final class AudienceText {
    private static final Path HERE = Path.of("").toAbsolutePath();

    private AudienceText() {
    }

    /** One line: "Reaches 31 people (authorities 10, donors 10, partners 11); 2 on several lists, …". */
    static String oneLine(AudienceReport report) {
        List<String> perList = report.lists().stream().map(list -> list.name() + " " + list.reached()).toList();
        List<String> notes = new ArrayList<>();
        if (!report.onSeveralLists().isEmpty()) {
            notes.add(t("audience.severalLists", report.onSeveralLists().size()));
        }
        if (report.suppressed() > 0) {
            notes.add(Text.count(report.suppressed(), "count.unsubscribed"));
        }
        int invalid = report.problems().size() + report.suppressionProblems().size();
        if (invalid > 0) {
            notes.add(t("audience.invalid", Text.count(invalid, "count.invalidRowLeftOut")));
        }
        return t("audience.reaches", Text.count(report.reached(), "count.person"),
                perList.isEmpty() ? t("audience.noLists") : " (" + String.join(", ", perList) + ")",
                notes.isEmpty() ? "" : t("audience.notes", String.join(", ", notes)));
    }

    /** The table of lists: rows, valid, invalid, duplicates, unsubscribed, on an earlier list, reached. */
    static void table(AudienceReport report, PrintWriter out) {
        out.printf("%-16s %6s %7s %10s %11s %13s %11s %9s%n", (Object[]) t("table.header").split(","));
        for (ListCount list : report.lists()) {
            out.printf("%-16s %6d %7d %10d %11d %13d %11d %9d%s%n", list.name(), list.rows(), list.valid(),
                    list.invalid(), list.duplicates(), list.suppressed(), list.onEarlierList(), list.reached(),
                    list.noEmailColumn() ? t("table.noEmailColumn") : list.unreadable() ? t("table.unreadable") : "");
        }
        out.println(t("table.total", report.reached()));
        out.println(t("table.legend"));
    }

    /** Warnings about files that were read, on standard error. */
    static void warnings(AudienceReport report, PrintWriter err) {
        report.warnings().forEach(warning -> err.println(t("warning", warning.describe(HERE))));
        err.flush();
    }

    static void problems(String title, List<Problem> problems, PrintWriter out) {
        if (problems.isEmpty()) {
            return;
        }
        out.println();
        out.println(title);
        problems.forEach(problem -> out.println("  " + problem.describe(HERE)));
    }

    /** Which column of each list was read as the email, the name, the organisation, where it is not named so. */
    static void columns(AudienceReport report, PrintWriter out) {
        List<String> lines = new ArrayList<>();
        for (ListCount list : report.lists()) {
            Map<String, List<String>> recognised = list.columns().map(Columns::recognised).orElse(Map.of());
            if (!recognised.isEmpty()) {
                List<String> uses = recognised.entrySet().stream().map(use -> t("check.columnUse", use.getKey(),
                        String.join(" + ", use.getValue().stream().map(column -> t("check.column", column)).toList())))
                        .toList();
                lines.add(t("check.columnsLine", list.name(), String.join(t("check.separator"), uses)));
            }
        }
        if (lines.isEmpty()) {
            return;
        }
        out.println();
        out.println(t("check.columnsTitle"));
        lines.forEach(out::println);
    }

    static void severalLists(Map<String, List<String>> people, PrintWriter out) {
        if (people.isEmpty()) {
            return;
        }
        out.println();
        out.println(t("table.severalLists"));
        people.forEach((email, lists) -> out.println("  " + email + ": " + String.join(", ", lists)));
    }


}
