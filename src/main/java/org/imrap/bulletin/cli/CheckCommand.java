package org.imrap.bulletin.cli;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.imrap.bulletin.check.CheckListener;
import org.imrap.bulletin.check.CheckRequest;
import org.imrap.bulletin.check.CheckResult;
import org.imrap.bulletin.check.Step;
import org.imrap.bulletin.config.Passwords;
import org.imrap.bulletin.config.Security;
import org.imrap.bulletin.config.SmtpSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bulletin check}: each step of connecting, as send and inbox will, without sending anything. */
@Command(name = "check", sortOptions = false, mixinStandardHelpOptions = true)
final class CheckCommand extends BaseCommand implements Callable<Integer> {

    @Mixin
    SmtpHostOption smtpHost;

    @Option(names = "--smtp-port", paramLabel = "PORT")
    Integer smtpPort;

    @Option(names = "--smtp-security", paramLabel = "MODE")
    Security smtpSecurity;

    @Option(names = "--smtp-username", paramLabel = "USER")
    String smtpUsername;

    @Option(names = "--dkim-selector", paramLabel = "NAME")
    String dkimSelector;

    @Override
    public Integer call() {
        java.io.Console console = System.console();
        Passwords.Prompt prompt = question -> console == null ? Optional.empty()
                : Optional.ofNullable(console.readPassword("%s", question));
        CheckRequest request = new CheckRequest(parent.workspace(),
                new SmtpSettings.Overrides(smtpHost.host, smtpPort, smtpSecurity, smtpUsername), parent.env, prompt,
                Optional.ofNullable(dkimSelector), parent.clock);
        PrintWriter out = out();
        CheckText text = new CheckText(Terminal.of(parent.env));
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
    }
}
