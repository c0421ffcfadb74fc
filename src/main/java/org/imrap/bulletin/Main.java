package org.imrap.bulletin;

import org.imrap.bulletin.cli.Cli;

/** The program's entry point: the only place that ends the process. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // Without this, every StreamProvider lookup scans the class path (jakartaee/mail-api #861).
        System.setProperty("jakarta.mail.util.StreamProvider",
                "org.eclipse.angus.mail.util.MailStreamProvider");
        System.exit(Cli.execute(args));
    }
}
