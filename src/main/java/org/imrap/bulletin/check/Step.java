package org.imrap.bulletin.check;

import java.util.Optional;

/**
 * One step of the check and its outcome, as one line: {@code what} names the step (DNS, TCP, TLS …),
 * {@code detail} says what was found; {@code hint}, for a warning or a failure, what to do.
 */
public record Step(Outcome outcome, String what, String detail, Optional<String> hint) {

    static Step ok(String what, String detail) {
        return new Step(Outcome.OK, what, detail, Optional.empty());
    }

    static Step warning(String what, String detail, String hint) {
        return new Step(Outcome.WARNING, what, detail, Optional.ofNullable(hint));
    }

    static Step failed(String what, String detail, String hint) {
        return new Step(Outcome.FAILED, what, detail, Optional.ofNullable(hint));
    }
}
