package org.imrap.bulletin.check;

/** How a step of the check went. */
public enum Outcome {
    /** As {@code send} needs it. */
    OK,
    /** {@code send} works, but something will cost deliveries (a missing DNS record, a rewritten From …). */
    WARNING,
    /** {@code send} would fail here. */
    FAILED
}
