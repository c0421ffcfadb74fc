package org.imrap.bulletin.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

/** Runs the command line as a user would and keeps what it printed. */
public record CliRun(int exitCode, String out, String err) {

    public static CliRun run(String... args) {
        return run(Map.of(), args);
    }

    /** Runs with this environment instead of the process's (BULLETIN_* variables). */
    public static CliRun run(Map<String, String> env, String... args) {
        return run(env, java.time.Clock.systemDefaultZone(), args);
    }

    /** Runs {@code bulletin --workspace DIR COMMAND ARGS…} with this environment. */
    public static CliRun inWorkspace(Path dir, Map<String, String> env, String command, String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "--workspace";
        all[1] = dir.toString();
        all[2] = command;
        System.arraycopy(args, 0, all, 3, args.length);
        return run(env, all);
    }

    /** Runs with this environment and this clock (what "today" is). */
    public static CliRun run(Map<String, String> env, java.time.Clock clock, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), env, clock, args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** Runs with this environment, {@code bulletin check} checking with this service (its DNS answers, its trust). */
    public static CliRun run(org.imrap.bulletin.check.CheckService checks, Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), env, java.time.Clock.systemDefaultZone(),
                () -> checks, args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** Standard output and error together, for checks that something appears in neither. */
    public String all() {
        return out + err;
    }
}
