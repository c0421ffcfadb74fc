package org.imrap.bulletin.check;

/** Where the check reports, as it goes (a slow server shows which step it is waiting on). */
public interface CheckListener {
    /** A group of steps begins: the SMTP server, the sender's domain, the inbox. */
    void section(String title);

    void step(Step step);
}
