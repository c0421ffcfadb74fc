package org.imrap.bulletin.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** A command that groups verbs ({@code bulletin news list}): alone, it shows its usage. */
abstract class GroupCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @ParentCommand
    BulletinCommand parent;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
