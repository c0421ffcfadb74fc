package org.imrap.bulletin.check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.imrap.bulletin.SampleWorkspace;
import org.imrap.bulletin.config.SmtpSettings;
import org.imrap.bulletin.config.Workspace;
import org.imrap.bulletin.mail.Tls;

/** A check of a copy of the sample workspace, with the settings a test adds, and every step it reported. */
final class CheckRun implements CheckListener {
    final List<String> sections = new ArrayList<>();
    final List<Step> steps = new ArrayList<>();
    CheckResult result;

    static Workspace workspace(Path dir, String... settings) {
        Workspace workspace = SampleWorkspace.copyTo(dir);
        try {
            Files.writeString(dir.resolve("bulletin.properties"), "\n" + String.join("\n", settings) + "\n",
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return workspace;
    }

    static CheckRun check(Workspace workspace, Dns dns, Tls tls, Map<String, String> env) {
        return check(workspace, dns, tls, env, Optional.empty());
    }

    static CheckRun check(Workspace workspace, Dns dns, Tls tls, Map<String, String> env, Optional<String> selector) {
        CheckRun run = new CheckRun();
        run.result = new CheckService(dns, tls).check(new CheckRequest(workspace, SmtpSettings.Overrides.NONE, env,
                question -> Optional.empty(), selector), run);
        return run;
    }

    @Override
    public void section(String title) {
        sections.add(title);
    }

    @Override
    public void step(Step step) {
        steps.add(step);
    }

    /** The last step of this name (EHLO comes twice with STARTTLS). */
    Step step(String what) {
        for (int i = steps.size() - 1; i >= 0; i--) {
            if (steps.get(i).what().equals(what)) {
                return steps.get(i);
            }
        }
        throw new AssertionError("no step " + what + " in\n" + this);
    }

    List<Step> failed() {
        return steps.stream().filter(step -> step.outcome() == Outcome.FAILED).toList();
    }

    List<String> names() {
        return steps.stream().map(Step::what).toList();
    }

    @Override
    public String toString() {
        return steps.stream().map(step -> step.outcome() + " " + step.what() + " " + step.detail()
                + step.hint().map(hint -> " → " + hint).orElse("")).collect(Collectors.joining("\n"));
    }
}
