package org.imrap.bulletin.cli;

import java.util.concurrent.Callable;
import org.imrap.bulletin.inbox.InboxRequest;
import org.imrap.bulletin.inbox.InboxService;
import org.imrap.bulletin.inbox.InboxSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bulletin inbox}: applies the unsubscribe requests and bounces that came back to the mailbox. */
@Command(name = "inbox", sortOptions = false, mixinStandardHelpOptions = true)
final class InboxCommand extends BaseCommand implements Callable<Integer> {

    @Option(names = "--dry-run")
    boolean dryRun;

    @Option(names = "--yes")
    boolean yes;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        InboxRequest.Mode mode = dryRun ? InboxRequest.Mode.DRY_RUN
                : yes ? InboxRequest.Mode.APPLY : InboxRequest.Mode.CONFIRM;
        return output.run(printed -> {
            InboxSummary summary = new InboxService(parent.clock)
                    .run(new InboxRequest(parent.workspace(), mode, parent.env), printed.operator());
            InboxText.lines(summary).forEach(printed.out()::println);
            return 0;
        });
    }
}
