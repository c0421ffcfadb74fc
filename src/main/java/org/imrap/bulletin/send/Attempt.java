package org.imrap.bulletin.send;

import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import org.imrap.bulletin.mail.Delivery;
import org.imrap.bulletin.recipients.Recipient;

/**
 * One try at sending a person their message: the how-manyth, and how long to wait before the next.
 *
 * @param nextWait the wait before the next try (doubling after each)
 */
record Attempt(Recipient person, MimeMessage message, int tries, Duration nextWait) {

    Attempt next() {
        return new Attempt(person, message, tries + 1, nextWait.multipliedBy(2));
    }

    /** A try that ended in "later", with what the server said. */
    record Retry(Attempt attempt, Delivery last) {
    }
}
