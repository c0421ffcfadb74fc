package org.imrap.bulletin.cli;

import static org.imrap.bulletin.Text.t;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.imrap.bulletin.config.NewWorkspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code bulletin init DIR}: a fresh workspace, ready for preview and a sandbox send. */
@Command(name = "init", mixinStandardHelpOptions = true)
final class InitCommand extends BaseCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", descriptionKey = "DIR")
    Path dir;

    @Override
    public Integer call() {
        NewWorkspace.Created created = NewWorkspace.create(dir, LocalDate.now(parent.clock));
        String relative = Paths.shown(created.workspace().root());
        String shown = relative.isEmpty() ? "." : relative;  // bulletin init . (the current folder)
        err().println(t("init.done", shown, Paths.shown(created.exampleItem())));
        err().println(t("init.next", shown.contains(" ") ? "\"" + shown + "\"" : shown));
        err().flush();
        out().println(shown);
        out().flush();
        return 0;
    }
}
