package org.imrap.bulletin.send;

import static org.imrap.bulletin.Text.t;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.journal.Journal;
import org.imrap.bulletin.journal.JournalRow;
import org.imrap.bulletin.mail.Login;
import org.imrap.bulletin.mail.SmtpConnection;

/**
 * One SMTP connection of a run, reused for many messages and made again when lost. It remembers
 * the journal row of its last outcome: the final dot of its next message waits until that row is
 * on the disk, so a crash can repeat at most the one message per connection whose row was not.
 *
 * <p>With PIPELINING the reply to a message's final dot is read with the next message's envelope
 * ({@link SmtpConnection#sendPipelined}): the courier holds that message until its outcome comes, and
 * the messages whose late reply said "try again later".
 */
final class Courier implements AutoCloseable {
    private final SmtpConnection connection;
    private boolean ready;
    private Optional<Journal.Pending> lastOutcome = Optional.empty();
    private Optional<Attempt> inFlight = Optional.empty();
    private final java.util.ArrayDeque<Attempt.Retry> retries = new java.util.ArrayDeque<>();

    private Courier(SmtpConnection connection) {
        this.connection = connection;
    }

    /**
     * Opens up to {@code count} connections, all at once (each costs round trips: greeting, EHLO, STARTTLS,
     * login). One must open (if none does, nothing can be sent); when some cannot (servers limit
     * connections per client), the run goes on with those open, and says so.
     */
    static List<Courier> open(int count, ConnectionFactory factory, Consumer<String> warning) {
        List<CompletableFuture<Courier>> opening = new ArrayList<>();
        ExecutorService others = Executors.newCachedThreadPool(new DaemonThreads("connect"));
        try {
            for (int i = 1; i < count; i++) {
                opening.add(CompletableFuture.supplyAsync(() -> connect(factory), others));
            }
            // The first on this thread, meanwhile.
            opening.add(0, first(factory));
        } finally {
            others.shutdown();
        }
        List<Courier> couriers = new ArrayList<>();
        RuntimeException firstFailure = null;
        for (CompletableFuture<Courier> future : opening) {
            try {
                couriers.add(future.join());
            } catch (CompletionException e) {
                if (firstFailure == null && e.getCause() instanceof RuntimeException failure) {
                    firstFailure = failure;
                } else if (!(e.getCause() instanceof RuntimeException)) {
                    couriers.forEach(Courier::close);
                    throw e;
                }
            }
        }
        if (couriers.isEmpty()) {
            if (firstFailure instanceof BulletinException e) {
                throw new BulletinException(e.exitCode(), t("send.nothingSent", e.getMessage()), e.hint().orElse(null), e);
            }
            throw firstFailure;
        }
        if (couriers.size() < count) {
            warning.accept(t("send.fewerConnections", couriers.size(), count, firstFailure.getMessage()));
        }
        return couriers;
    }

    private static CompletableFuture<Courier> first(ConnectionFactory factory) {
        try {
            return CompletableFuture.completedFuture(connect(factory));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** One more connection, open; its failure as the exception connecting threw. */
    static Courier connect(ConnectionFactory factory) {
        Courier courier = new Courier(factory.create());
        try {
            courier.connection.connect();
        } catch (RuntimeException e) {
            courier.close();
            throw e;
        }
        courier.ready = true;
        return courier;
    }

    /** Makes a new connection to the run's server. */
    @FunctionalInterface
    interface ConnectionFactory {
        SmtpConnection create();
    }

    /** A factory for the run's server, sender and login; with an SMTP trace when {@code debug} is given. */
    static ConnectionFactory to(org.imrap.bulletin.config.SmtpSettings smtp, String sender, Optional<Login> login,
                                Optional<PrintStream> debug) {
        return () -> new SmtpConnection(smtp, sender, login.orElse(null), debug);
    }

    SmtpConnection connection() {
        return connection;
    }

    boolean ready() {
        return ready;
    }

    void lost() {
        ready = false;
        connection.close();
    }

    /** The connection is gone (found while it was in use): it is made again before the next message. */
    void broken() {
        ready = false;
    }

    /** The message whose final dot went out and whose reply is still to come. */
    void inFlight(Attempt attempt) {
        inFlight = Optional.of(attempt);
    }

    /** The message whose outcome has just come; it is no longer in flight. */
    Attempt landed() {
        Attempt attempt = inFlight.orElseThrow(() -> new IllegalStateException("an outcome for no message in flight"));
        inFlight = Optional.empty();
        return attempt;
    }

    /** A message the server said to try again later, after the one in hand. */
    void retryLater(Attempt.Retry retry) {
        retries.add(retry);
    }

    /** The next message to try again, if any. */
    Optional<Attempt.Retry> nextRetry() {
        return Optional.ofNullable(retries.poll());
    }

    /** Connects again; the reason when the server cannot be reached. */
    Optional<String> reconnect() {
        try {
            connection.close();
            connection.connect();
            ready = true;
            return Optional.empty();
        } catch (BulletinException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** The row of this connection's last outcome, on its way to the disk. */
    void recorded(Journal.Pending row) {
        lastOutcome = Optional.of(row);
    }

    /** Waits until the last outcome is on the disk; if it cannot be, says whose outcome was lost. */
    void awaitLastOutcome() {
        Optional<Journal.JournalWriteException> lost = lastOutcomeFailure();
        if (lost.isPresent()) {
            throw new Journal.JournalWriteException(lost.get(), describeLastOutcome());
        }
    }

    /** Waits until the last outcome is on the disk; why it never will be, if so. */
    Optional<Journal.JournalWriteException> lastOutcomeFailure() {
        try {
            lastOutcome.ifPresent(Journal.Pending::await);
            return Optional.empty();
        } catch (Journal.JournalWriteException e) {
            return Optional.of(e);
        }
    }

    /** "the message to awa@… (sent: 250 Ok) could not be recorded". */
    String describeLastOutcome() {
        JournalRow row = lastOutcome.orElseThrow().row();
        return t("journal.unrecorded", row.email(), t("status." + row.status().label()), row.reply());
    }

    @Override
    public void close() {
        connection.close();
    }
}
