package org.imrap.bulletin.cli;

/** A command that groups verbs ({@code bulletin news list}): alone, it shows its usage. */
abstract class GroupCommand extends BaseCommand implements Runnable {

    @Override
    public void run() {
        spec.commandLine().usage(out());
    }
}
