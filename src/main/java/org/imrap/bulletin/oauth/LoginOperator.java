package org.imrap.bulletin.oauth;

import java.net.URI;
import java.time.Duration;

/** The person signing in: what {@code bulletin login} tells them, and how it waits for them. */
public interface LoginOperator {
    /** A line of instructions (standard error: it is a conversation, not a result). */
    void say(String line);

    /** Opens the address in a browser where this machine has one (the address has been said already). */
    void open(URI address);

    /** Waits between two polls of the token endpoint; tests wait for nothing. */
    void sleep(Duration duration) throws InterruptedException;
}
