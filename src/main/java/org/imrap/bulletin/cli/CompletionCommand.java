package org.imrap.bulletin.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;

/**
 * {@code bulletin completion}: prints a completion script for bash and zsh (picocli's), naming every
 * command and option: {@code source <(bulletin completion)}.
 */
@Command(name = "completion", mixinStandardHelpOptions = true)
final class CompletionCommand extends BaseCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        // Cli builds every command whole when this one is named, so the script knows all their options.
        out().print(AutoComplete.bash(spec.root().name(), spec.root().commandLine()));
        out().flush();
        return 0;
    }
}
