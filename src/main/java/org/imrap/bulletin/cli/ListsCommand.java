package org.imrap.bulletin.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.imrap.bulletin.recipients.Audience;
import org.imrap.bulletin.recipients.AudienceReport;
import org.imrap.bulletin.recipients.ListEditor;
import org.imrap.bulletin.recipients.RecipientsFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bulletin lists check | show | add | remove | unsubscribe}: the recipient lists. */
@Command(name = "lists", mixinStandardHelpOptions = true,
        description = {
            "Check, show and edit the recipient lists: recipients/NAME.csv is the list NAME; "
                    + "recipients/unsubscribed.csv (email,date,reason) applies to every list, always.",
            "Edits keep the file's separator, encoding and column order and replace it in one step."
        })
final class ListsCommand extends GroupCommand {

    private RecipientsFolder folder() {
        return new RecipientsFolder(parent.workspace().recipientsDir());
    }

    private ListEditor editor() {
        return new ListEditor(folder(), parent.clock);
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Read every list: rows, valid, invalid (file:line and why), duplicates, unsubscribed.",
                "Exits 65 if any row cannot be used, 0 otherwise."})
    int check() {
        AudienceReport report = Audience.of(folder(), Optional.empty()).stream(person -> { });
        AudienceText.warnings(report, err());
        PrintWriter out = out();
        AudienceText.table(report, out);
        AudienceText.problems("Rows that cannot be used", report.problems(), out);
        AudienceText.problems("Problems in " + RecipientsFolder.SUPPRESSION_FILE, report.suppressionProblems(), out);
        AudienceText.problems("Duplicates inside a list", report.duplicates(), out);
        AudienceText.severalLists(report.onSeveralLists(), out);
        out.flush();
        if (report.hasInvalidRows()) {
            int count = report.problems().size() + report.suppressionProblems().size();
            err().println("bulletin: " + AudienceText.plural(count, "row") + " cannot be used; those people get nothing "
                    + "until the rows are fixed");
            err().flush();
            return 65;
        }
        return 0;
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Count the people on each list (all lists, or those named) and the distinct people reached.")
    int show(@Parameters(paramLabel = "LIST", arity = "0..*", description = "Lists to count (default: all).")
             List<String> lists) {
        AudienceReport report = Audience.of(folder(), Optional.ofNullable(lists)).stream(person -> { });
        AudienceText.warnings(report, err());
        AudienceText.table(report, out());
        out().flush();
        err().println(AudienceText.oneLine(report));
        err().flush();
        return 0;
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Add a person at the end of a list (created if it does not exist).")
    int add(@Parameters(index = "0", paramLabel = "LIST") String list,
            @Parameters(index = "1", paramLabel = "EMAIL") String email,
            @Option(names = "--name", description = "The person's name, as the greeting shows it.") String name,
            @Option(names = "--field", paramLabel = "KEY=VALUE",
                    description = "Another column's value, e.g. --field organisation=\"ONG Kènè\" (repeatable).")
            Map<String, String> fields) {
        ListEditor.Added added = editor().add(list, email, name, fields == null ? new LinkedHashMap<>() : fields);
        out().println("Added " + email.strip() + " to " + list + (added.createdList() ? " (new list)" : "")
                + ": " + Paths.shown(added.file()));
        out().flush();
        added.suppressed().ifPresent(entry -> {
            err().println("warning: " + email.strip() + " has unsubscribed (" + RecipientsFolder.SUPPRESSION_FILE
                    + " line " + entry.line() + "): they will not receive the bulletin unless removed from it");
            err().flush();
        });
        return 0;
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a person from a list.")
    int remove(@Parameters(index = "0", paramLabel = "LIST") String list,
               @Parameters(index = "1", paramLabel = "EMAIL") String email) {
        int removed = editor().remove(list, email);
        out().println("Removed " + email.strip() + " from " + list
                + (removed > 1 ? " (" + removed + " rows)" : ""));
        out().flush();
        return 0;
    }

    @Command(name = "unsubscribe", mixinStandardHelpOptions = true,
            description = "Add a person to recipients/unsubscribed.csv: no list will send to them again.")
    int unsubscribe(@Parameters(paramLabel = "EMAIL") String email,
                    @Option(names = "--reason", description = "Why, for the record.") String reason) {
        ListEditor.Unsubscribed result = editor().unsubscribe(email, reason);
        out().println(result.added()
                ? "Unsubscribed " + email.strip() + ": " + Paths.shown(result.file())
                : email.strip() + " was already unsubscribed" + (result.since().isEmpty() ? "" : " (since " + result.since() + ")"));
        out().flush();
        return 0;
    }
}
