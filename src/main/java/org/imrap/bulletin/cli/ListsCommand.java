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
@Command(name = "lists", mixinStandardHelpOptions = true)
final class ListsCommand extends GroupCommand {

    private RecipientsFolder folder() {
        return new RecipientsFolder(parent.workspace().recipientsDir());
    }

    private ListEditor editor() {
        return new ListEditor(folder(), parent.clock);
    }

    @Command(name = "check", mixinStandardHelpOptions = true)
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

    @Command(name = "show", mixinStandardHelpOptions = true)
    int show(@Parameters(paramLabel = "LIST", arity = "0..*")
             List<String> lists) {
        AudienceReport report = Audience.of(folder(), Optional.ofNullable(lists)).stream(person -> { });
        AudienceText.warnings(report, err());
        AudienceText.table(report, out());
        out().flush();
        err().println(AudienceText.oneLine(report));
        err().flush();
        return 0;
    }

    @Command(name = "add", mixinStandardHelpOptions = true)
    int add(@Parameters(index = "0", paramLabel = "LIST") String list,
            @Parameters(index = "1", paramLabel = "EMAIL") String email,
            @Option(names = "--name") String name,
            @Option(names = "--field", paramLabel = "KEY=VALUE")
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

    @Command(name = "remove", mixinStandardHelpOptions = true)
    int remove(@Parameters(index = "0", paramLabel = "LIST") String list,
               @Parameters(index = "1", paramLabel = "EMAIL") String email) {
        int removed = editor().remove(list, email);
        out().println("Removed " + email.strip() + " from " + list
                + (removed > 1 ? " (" + removed + " rows)" : ""));
        out().flush();
        return 0;
    }

    @Command(name = "unsubscribe", mixinStandardHelpOptions = true)
    int unsubscribe(@Parameters(paramLabel = "EMAIL") String email,
                    @Option(names = "--reason") String reason) {
        ListEditor.Unsubscribed result = editor().unsubscribe(email, reason);
        out().println(result.added()
                ? "Unsubscribed " + email.strip() + ": " + Paths.shown(result.file())
                : email.strip() + " was already unsubscribed" + (result.since().isEmpty() ? "" : " (since " + result.since() + ")"));
        out().flush();
        return 0;
    }
}
