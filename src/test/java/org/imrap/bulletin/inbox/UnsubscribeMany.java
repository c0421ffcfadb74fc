package org.imrap.bulletin.inbox;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.imrap.bulletin.cli.Cli;

/**
 * The other writer of {@link TwoWritersTest}, in a process of its own: once warm it says "ready", waits
 * for a line on its input, then runs {@code bulletin lists unsubscribe PREFIX<i>@example.org} COUNT times
 * and exits with the worst exit code, printing what a failed run said.
 */
public final class UnsubscribeMany {
    private UnsubscribeMany() {
    }

    public static void main(String[] args) throws Exception {
        String workspace = args[0];
        String prefix = args[1];
        int count = Integer.parseInt(args[2]);
        run(workspace, "lists", "show");
        System.out.println("ready");
        System.out.flush();
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        int worst = 0;
        for (int i = 1; i <= count; i++) {
            worst = Math.max(worst, run(workspace, "lists", "unsubscribe", prefix + i + "@example.org"));
        }
        System.out.flush();
        System.exit(worst);
    }

    private static int run(String workspace, String... command) {
        String[] args = new String[command.length + 2];
        args[0] = "--workspace";
        args[1] = workspace;
        System.arraycopy(command, 0, args, 2, command.length);
        StringWriter err = new StringWriter();
        int code = Cli.run(new PrintWriter(new StringWriter()), new PrintWriter(err, true), Map.of(),
                Clock.systemDefaultZone(), args);
        if (code != 0) {
            System.out.println(String.join(" ", command) + ": exit " + code + ": " + err);
        }
        return code;
    }
}
