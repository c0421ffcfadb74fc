package org.imrap.bulletin.config;

/** The From of every message: a display name and an address (already checked to be valid). */
public record Sender(String name, String email) {

    /** The part after the {@code @}, used for Message-IDs. */
    public String domain() {
        return email.substring(email.lastIndexOf('@') + 1);
    }
}
