package org.imrap.bulletin.cli;

import static org.imrap.bulletin.Text.t;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.imrap.bulletin.Text;
import org.imrap.bulletin.recipients.Audience;
import org.imrap.bulletin.recipients.AudienceReport;
import org.imrap.bulletin.recipients.ListEditor;
import org.imrap.bulletin.recipients.RecipientsFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
    int check(@Mixin OutputOptions output) {
        return output.run(printed -> {
            AudienceReport report = Audience.of(folder(), Optional.empty()).read(person -> { });
            AudienceText.warnings(report, printed.err());
            PrintWriter out = printed.out();
            AudienceText.table(report, out);
            AudienceText.columns(report, out);
            AudienceText.problems(t("check.invalidTitle"), report.problems(), out);
            AudienceText.problems(t("check.suppressionTitle", RecipientsFolder.SUPPRESSION_FILE), report.suppressionProblems(), out);
            AudienceText.problems(t("check.duplicatesTitle"), report.duplicates(), out);
            AudienceText.severalLists(report.onSeveralLists(), out);
            if (report.hasInvalidRows()) {
                int count = report.problems().size() + report.suppressionProblems().size();
                printed.error(t("check.failed", Text.count(count, "count.rowUnusable")));
                return 65;
            }
            return 0;
        });
    }

    @Command(name = "show", mixinStandardHelpOptions = true)
    int show(@Parameters(paramLabel = "LIST", descriptionKey = "LIST", arity = "0..*")
             List<String> lists, @Mixin OutputOptions output) {
        return output.run(printed -> {
            AudienceReport report = Audience.of(folder(), Optional.ofNullable(lists)).read(person -> { });
            AudienceText.warnings(report, printed.err());
            AudienceText.table(report, printed.out());
            printed.err().println(AudienceText.oneLine(report));
            return 0;
        });
    }

    @Command(name = "add", mixinStandardHelpOptions = true)
    int add(@Parameters(index = "0", paramLabel = "LIST", descriptionKey = "LIST") String list,
            @Parameters(index = "1", paramLabel = "EMAIL", descriptionKey = "EMAIL") String email,
            @Option(names = "--name", paramLabel = "NAME") String name,
            @Option(names = "--field", paramLabel = "KEY=VALUE")
            Map<String, String> fields, @Mixin OutputOptions output) {
        return output.run(printed -> {
            ListEditor.Added added = editor().add(list, email, name, fields == null ? new LinkedHashMap<>() : fields);
            printed.out().println(t("lists.added", email.strip(), list, added.createdList() ? t("lists.newList") : "",
                    Paths.shown(added.file())));
            added.suppressed().ifPresent(entry -> printed.err().println(t("warning", t("lists.addedUnsubscribed",
                    email.strip(), RecipientsFolder.SUPPRESSION_FILE, entry.line()))));
            return 0;
        });
    }

    @Command(name = "remove", mixinStandardHelpOptions = true)
    int remove(@Parameters(index = "0", paramLabel = "LIST", descriptionKey = "LIST") String list,
               @Parameters(index = "1", paramLabel = "EMAIL", descriptionKey = "EMAIL") String email,
               @Mixin OutputOptions output) {
        return output.run(printed -> {
            int removed = editor().remove(list, email);
            printed.out().println(t("lists.removed", email.strip(), list,
                    removed > 1 ? " (" + Text.count(removed, "count.row") + ")" : ""));
            return 0;
        });
    }

    @Command(name = "unsubscribe", mixinStandardHelpOptions = true)
    int unsubscribe(@Parameters(paramLabel = "EMAIL", descriptionKey = "EMAIL") String email,
                    @Option(names = "--reason", paramLabel = "TEXT") String reason,
                    @Mixin OutputOptions output) {
        return output.run(printed -> {
            ListEditor.Unsubscribed result = editor().unsubscribe(email, reason);
            printed.out().println(result.added()
                    ? t("lists.unsubscribed", email.strip(), Paths.shown(result.file()))
                    : t("lists.alreadyUnsubscribed", email.strip(), result.since().isEmpty() ? "" : t("lists.since", result.since())));
            return 0;
        });
    }
}
