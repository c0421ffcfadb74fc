package org.imrap.bulletin.inbox;

import java.util.Optional;

/**
 * What an inbox run did with one message (in a dry run, what it would do). Messages acted on are
 * {@link Applied}: their kind, address and action are the columns of {@code journal/inbox.csv}; everything
 * else is left in the mailbox as it was.
 */
public sealed interface Outcome {

    /** What was done to the suppression list; its label is what {@code journal/inbox.csv} says. */
    enum Suppression {
        WOULD_UNSUBSCRIBE("would-unsubscribe"),
        INVALID_ADDRESS("invalid-address"),
        UNSUBSCRIBED("unsubscribed"),
        ALREADY_UNSUBSCRIBED("already-unsubscribed");

        private final String label;

        Suppression(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** A message acted on, noted in {@code journal/inbox.csv} as kind, email and action. */
    sealed interface Applied extends Outcome {
        String email();

        /** {@code unsubscribe}, {@code bounce-hard} or {@code bounce-soft}. */
        String kind();

        String action();
    }

    /** An authentic unsubscribe request, applied. */
    record Unsubscribed(String email, Suppression suppression) implements Applied {
        @Override
        public String kind() {
            return "unsubscribe";
        }

        @Override
        public String action() {
            return suppression.label();
        }
    }

    /** A bounce about a bulletin: its address and kind are the report's. */
    sealed interface AboutBounce extends Applied {
        Finding.Bounce bounce();

        @Override
        default String email() {
            return bounce().email();
        }

        @Override
        default String kind() {
            return bounce().permanent() ? "bounce-hard" : "bounce-soft";
        }
    }

    /**
     * A bounce recorded in {@code journal/bounces.csv}; present, the suppression of its address past
     * {@code inbox.hardBounces} or {@code inbox.softBounces}.
     */
    record Bounced(Finding.Bounce bounce, Optional<Suppression> suppression) implements AboutBounce {
        @Override
        public String action() {
            return suppression.map(s -> "recorded, " + s.label()).orElse("recorded");
        }
    }

    /** In a dry run, a bounce that would be recorded. */
    record WouldRecord(Finding.Bounce bounce) implements AboutBounce {
        @Override
        public String action() {
            return "would-record";
        }
    }

    /** An unsubscribe request that is not from the address itself: left in the mailbox for a person. */
    record Refused(String email, String from) implements Outcome {
    }

    /** An out-of-office or other automatic reply. */
    record AutoReply() implements Outcome {
    }

    /** Handled by an earlier run (moved once the server can move it). */
    record HandledBefore() implements Outcome {
    }

    /**
     * Nothing for bulletin: another kind of mail, a message too large or unreadable, a report about mail
     * bulletin did not send, or one a person did not confirm.
     */
    record LeftAlone() implements Outcome {
    }
}
