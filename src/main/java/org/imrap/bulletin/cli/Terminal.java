package org.imrap.bulletin.cli;

import java.util.Map;

/** Whether a person is watching: a terminal, and colours unless NO_COLOR (no-color.org) or a dumb terminal. */
final class Terminal {
    private static final String RED = "\u001B[31m";
    private static final String GREEN = "\u001B[32m";
    private static final String YELLOW = "\u001B[33m";
    private static final String RESET = "\u001B[0m";

    private final boolean interactive;
    private final boolean colours;

    Terminal(boolean interactive, Map<String, String> env) {
        this.interactive = interactive;
        this.colours = interactive && !env.containsKey("NO_COLOR") && !"dumb".equals(env.get("TERM"));
    }

    static Terminal of(Map<String, String> env) {
        return new Terminal(System.console() != null, env);
    }

    boolean interactive() {
        return interactive;
    }

    String error(String text) {
        return colours ? RED + text + RESET : text;
    }

    String success(String text) {
        return colours ? GREEN + text + RESET : text;
    }

    String warning(String text) {
        return colours ? YELLOW + text + RESET : text;
    }
}
