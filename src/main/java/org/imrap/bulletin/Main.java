package org.imrap.bulletin;

import org.imrap.bulletin.cli.Cli;

/** The program's entry point: the only place that ends the process. */
public final class Main {
    /**
     * The stack of the thread that does the work. The readers of news files limit how deep they
     * nest (see {@code news.Markdown}, {@code news.NewsFile}), but the libraries under them recurse
     * (commonmark, Mustache, java.util.regex): 64 MB gives them 64 times the JVM's default
     * of 1 MB. It is address space reserved, not memory used: pages are touched only as deep as a
     * recursion goes.
     */
    public static final long STACK_BYTES = 64L * 1024 * 1024;

    private Main() {
    }

    public static void main(String[] args) throws Throwable {
        // Without this, every StreamProvider lookup scans the class path (jakartaee/mail-api #861).
        System.setProperty("jakarta.mail.util.StreamProvider",
                "org.eclipse.angus.mail.util.MailStreamProvider");
        int[] code = {ExitCode.SOFTWARE.code()};
        Throwable[] escaped = {null};
        Thread work = new Thread(null, () -> {
            try {
                code[0] = Cli.execute(args);
            } catch (Throwable e) {
                escaped[0] = e;
            }
        }, "bulletin", STACK_BYTES);
        work.start();
        work.join();
        if (escaped[0] != null) {
            // What the JVM does with an exception that leaves main: its trace, exit status 1.
            throw escaped[0];
        }
        System.exit(code[0]);
    }
}
