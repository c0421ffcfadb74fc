package org.imrap.bulletin;

import java.util.List;

/** Input files that cannot be used as they are; lists every problem found, not just the first. */
public class BadDataException extends BulletinException {
    private final List<Problem> problems;

    public BadDataException(String summary, List<Problem> problems, String hint) {
        super(ExitCode.DATA_ERROR, summary, hint);
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
