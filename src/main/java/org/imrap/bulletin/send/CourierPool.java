package org.imrap.bulletin.send;

import static org.imrap.bulletin.Text.t;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.recipients.Recipient;

/**
 * Several connections sending at once. Each person is handed to a connection that is free (the offering
 * thread waits for one) and sent on a thread of an executor; a connection is in one thread's hands at a
 * time, so its messages keep their order. A connection left free a moment reads the reply to its last
 * message on its own. With {@code send.connections=auto}, {@link ConnectionGrowth} says when to open
 * more, each on a thread of its own, or to give some back.
 */
final class CourierPool {
    /** How long a free connection waits for the next person before it reads the last reply on its own. */
    private static final Duration IDLE_BEFORE_SETTLING = Duration.ofMillis(50);

    private final Deliveries deliveries;
    private final RunLedger ledger;
    private final Operator operator;
    private final Timekeeper time;
    /** With send.connections=auto: how many, and how to open more. */
    private final Optional<ConnectionGrowth> growth;
    private final Optional<Courier.ConnectionFactory> moreConnections;

    private final ExecutorService threads = Executors.newCachedThreadPool(new DaemonThreads("sender"));
    private final ScheduledThreadPoolExecutor idleTimer = new ScheduledThreadPoolExecutor(1, new DaemonThreads("idle"));
    private final BlockingQueue<Courier> free = new LinkedBlockingQueue<>();
    private final Map<Courier, ScheduledFuture<?>> settling = new ConcurrentHashMap<>();
    /** Every connection the run used, given back ones too: the journal rows of their last outcomes are checked. */
    private final List<Courier> all = new CopyOnWriteArrayList<>();
    private final List<Courier> openedHere = new CopyOnWriteArrayList<>();
    private final Set<Courier> givenBack = ConcurrentHashMap.newKeySet();
    /** The offering thread's own. */
    private final List<Future<?>> opening = new java.util.ArrayList<>();

    CourierPool(List<Courier> couriers, Deliveries deliveries, RunLedger ledger, Operator operator, Timekeeper time,
                Optional<ConnectionGrowth> growth, Optional<Courier.ConnectionFactory> moreConnections) {
        this.deliveries = deliveries;
        this.ledger = ledger;
        this.operator = operator;
        this.time = time;
        this.growth = growth;
        this.moreConnections = moreConnections;
        idleTimer.setRemoveOnCancelPolicy(true);
        all.addAll(couriers);
        free.addAll(couriers);
    }

    /** Every connection the run used. */
    List<Courier> couriers() {
        return all;
    }

    /** Sends to {@code person} on the first connection free; with auto, then opens more or gives some back. */
    void hand(Recipient person) {
        Optional<Courier> courier = takeFree();
        if (courier.isEmpty() || ledger.stopped()) {
            // The run stopped while this person waited for a connection: they are left for the next run.
            courier.ifPresent(free::add);
            ledger.left();
            return;
        }
        Courier taken = courier.get();
        threads.execute(() -> {
            try {
                if (!guarded(() -> deliveries.send(taken, person))) {
                    ledger.left();
                }
            } finally {
                setFree(taken);
            }
        });
        grow();
    }

    /** The next free connection; empty when this thread is interrupted, which stops the run. */
    private Optional<Courier> takeFree() {
        try {
            Courier courier = free.take();
            Optional.ofNullable(settling.remove(courier)).ifPresent(timer -> timer.cancel(false));
            return Optional.of(courier);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ledger.stop(t("stop.interrupted"));
            return Optional.empty();
        }
    }

    /**
     * The connection is free for the next person, who is most often a moment away (the offering thread
     * hands them over at once): only when no one comes is its last message's reply read on its own, a
     * round trip.
     */
    private void setFree(Courier courier) {
        // Free first: a timer that fired before the connection was in the queue would find nothing to settle.
        free.add(courier);
        try {
            settling.put(courier, idleTimer.schedule(() -> {
                if (free.remove(courier)) {
                    settling.remove(courier);
                    threads.execute(() -> {
                        guarded(() -> deliveries.settle(courier));
                        free.add(courier);
                    });
                }
            }, IDLE_BEFORE_SETTLING.toMillis(), TimeUnit.MILLISECONDS));
        } catch (RejectedExecutionException e) {
            // The pool is ending: drain() has every connection read its last reply.
        }
    }

    /** send.connections=auto: opens more connections (each on a thread of its own, all at once), or gives some back. */
    private void grow() {
        if (growth.isEmpty()) {
            return;
        }
        // How long the first connection waits for a reply tells whether more connections would help at once.
        growth.get().roundTrip(all.get(0).connection().roundTrip());
        ConnectionGrowth.Step step = growth.get().next(time.now(), ledger.outcomes());
        if (step instanceof ConnectionGrowth.Open open) {
            for (int i = 0; i < open.count(); i++) {
                opening.add(threads.submit(this::openOneMore));
            }
        } else if (step instanceof ConnectionGrowth.GiveBack back) {
            for (int i = 0; i < back.count(); i++) {
                takeFree().ifPresent(this::giveBack);
            }
        }
    }

    private void openOneMore() {
        Courier courier;
        try {
            courier = Courier.connect(moreConnections.orElseThrow());
        } catch (BulletinException e) {
            growth.get().refused();
            operator.warning(t("send.fewerConnections", growth.get().open(), growth.get().max(), e.getMessage()));
            return;
        } catch (RuntimeException | Error e) {
            // A fault of bulletin's own, not the server's: the run ends with it, as with one on a sending thread.
            growth.get().refused();
            ledger.failed(e);
            return;
        }
        deliveries.takeLateOutcomes(courier);
        all.add(courier);
        openedHere.add(courier);
        free.add(courier);
        growth.get().opened();
    }

    /** Closes a connection once it has read its last reply; the run goes on with the others. */
    private void giveBack(Courier courier) {
        givenBack.add(courier);
        threads.execute(() -> {
            guarded(() -> deliveries.settle(courier));
            courier.close();
        });
    }

    /** How many connections auto ended with, and why; empty for a number set. */
    Optional<String> connectionsNote() {
        return growth.map(g -> t("summary.connections." + g.settled().map(Enum::name).orElse("RISING"), g.open()));
    }

    /**
     * Ends the pool: waits for the connections being opened, lets each connection finish what it sends and
     * read its last reply, and waits for the threads to end. Connections it opened itself it closes.
     */
    void drain() {
        idleTimer.shutdownNow();
        awaitTermination(idleTimer);
        opening.forEach(CourierPool::awaitQuietly);
        long working = all.stream().filter(courier -> !givenBack.contains(courier)).count();
        for (long settled = 0; settled < working; settled++) {
            Courier courier = takeUninterruptibly();
            threads.execute(() -> guarded(() -> deliveries.settle(courier)));
        }
        threads.shutdown();
        awaitTermination(threads);
        openedHere.stream().filter(courier -> !givenBack.contains(courier)).forEach(Courier::close);
    }

    /** Runs {@code work} on a connection's thread; what stops it stops the run, and is rethrown at its end. */
    private boolean guarded(Runnable work) {
        try {
            work.run();
            return true;
        } catch (RuntimeException | Error e) {
            ledger.failed(e);
            return false;
        }
    }

    private Courier takeUninterruptibly() {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return free.take();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void awaitQuietly(Future<?> opener) {
        boolean interrupted = false;
        while (true) {
            try {
                opener.get();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (ExecutionException e) {
                // openOneMore hands every failure to the ledger: none reaches here.
                break;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitTermination(ExecutorService executor) {
        boolean interrupted = false;
        while (true) {
            try {
                if (executor.awaitTermination(Long.MAX_VALUE, TimeUnit.NANOSECONDS)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
