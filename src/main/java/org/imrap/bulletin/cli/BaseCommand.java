package org.imrap.bulletin.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** What every subcommand has: its spec (for output) and the top command (for the workspace and environment). */
abstract class BaseCommand {

    @Spec
    CommandSpec spec;

    @ParentCommand
    BulletinCommand parent;

    /** Results. */
    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Progress and diagnostics. */
    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
