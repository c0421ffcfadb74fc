package org.imrap.bulletin.cli;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.imrap.bulletin.check.CheckListener;
import org.imrap.bulletin.check.CheckRequest;
import org.imrap.bulletin.check.CheckResult;
import org.imrap.bulletin.check.Step;
import org.imrap.bulletin.config.Passwords;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bulletin check}: each step of connecting, as send and inbox will, without sending anything. */
@Command(name = "check", sortOptions = false, mixinStandardHelpOptions = true)
final class CheckCommand extends BaseCommand implements Callable<Integer> {

    @Mixin
    SmtpOptions smtp;

    @Option(names = "--dkim-selector", paramLabel = "NAME")
    String dkimSelector;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        java.io.Console console = System.console();
        Passwords.Prompt prompt = question -> console == null ? Optional.empty()
                : Optional.ofNullable(console.readPassword("%s", question));
        CheckRequest request = new CheckRequest(parent.workspace(), smtp.overrides(), parent.env, prompt,
                Optional.ofNullable(dkimSelector), parent.clock);
        return output.run(printed -> {
            PrintWriter out = printed.out();
            CheckText text = new CheckText(printed.terminal());
            CheckResult result = parent.checks.get().check(request, new CheckListener() {
                @Override
                public void section(String title) {
                    out.println(title);
                    out.flush();
                }

                @Override
                public void step(Step step) {
                    text.lines(step).forEach(out::println);
                    out.flush();
                }
            });
            text.summary(result).forEach(out::println);
            out.flush();
            return result.send().code();
        });
    }
}
