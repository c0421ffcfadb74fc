package org.imrap.bulletin.send;

/** What a send run does. */
public enum SendMode {
    /** Send to everyone not yet sent the bulletin in the campaign, journaling each outcome. */
    SEND,
    /** Render every message, send nothing, write no journal. */
    DRY_RUN,
    /** Send one message, rendered for the first person, to a test address; journal nothing. */
    TEST
}
