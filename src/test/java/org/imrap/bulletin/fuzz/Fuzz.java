package org.imrap.bulletin.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.ExitCode;

/**
 * A small fuzz harness: feeds generated inputs to a reader and fails on the first outcome that is
 * neither a result nor one of bulletin's own errors.
 *
 * <p>Try {@code i} of a run uses the seed {@code base + i}. The base is new on every run (that is the
 * point of fuzzing in CI) unless {@code -Dbulletin.fuzz.seed=S} fixes it; a failure names the seed of
 * its try, so {@code -Dbulletin.fuzz.seed=S -Dbulletin.fuzz.tries=1} replays it. Each property stops
 * after its tries or its time budget, whichever comes first; {@code -Dbulletin.fuzz.scale=10} gives
 * both ten times more, for a longer local run. A failing input is shrunk (chunks removed while it still
 * fails the same way) and saved under {@code target/fuzz/}, as is the input of a replay. A try that takes longer than
 * {@value #TRY_SECONDS} s is a failure too (a reader that hangs on some input), and is not shrunk.
 */
public final class Fuzz {
    private static final long BASE_SEED = Long.getLong("bulletin.fuzz.seed", new Random().nextLong());
    private static final double SCALE = Double.parseDouble(System.getProperty("bulletin.fuzz.scale", "1"));
    private static final Integer TRIES = Integer.getInteger("bulletin.fuzz.tries");
    private static final int SHRINK_STEPS = 2000;
    private static final int TRY_SECONDS = 5;
    /** Checks run here, on a thread with the JVM's default stack, so that a hang can be timed out. */
    private static ExecutorService worker = newWorker();

    private Fuzz() {
    }

    /** What one property did, for the log. */
    public record Run(String name, int tries, Duration took, long seed, long slowestSeed, Duration slowest) {
        @Override
        public String toString() {
            return "fuzz " + name + ": " + tries + " tries in " + took.toMillis() + " ms (seed " + seed
                    + "; slowest try " + slowest.toMillis() + " ms, seed " + slowestSeed + ")";
        }
    }

    /**
     * Runs {@code check} on up to {@code tries} inputs made by {@code generate}, within {@code budget}.
     * {@code check} throws (anything) when an outcome is wrong.
     */
    public static Run run(String name, int tries, Duration budget, Function<Random, byte[]> generate, Consumer<byte[]> check) {
        int wanted = TRIES != null ? TRIES : (int) Math.max(1, tries * SCALE);
        long deadline = System.nanoTime() + (long) (budget.toNanos() * SCALE);
        long started = System.nanoTime();
        int done = 0;
        long slowestSeed = BASE_SEED;
        long slowest = 0;
        while (done < wanted && (done == 0 || System.nanoTime() < deadline)) {
            long seed = BASE_SEED + done;
            byte[] input = generate.apply(new Random(seed));
            done++;
            if (TRIES != null && TRIES == 1) {
                System.out.println(name + ": the input replayed is " + save(name, seed, input));
            }
            long tryStarted = System.nanoTime();
            Throwable failure = failureOf(check, input);
            if (System.nanoTime() - tryStarted > slowest) {
                slowest = System.nanoTime() - tryStarted;
                slowestSeed = seed;
            }
            if (failure != null) {
                byte[] small = shrink(input, failure, check);
                Path saved = save(name, seed, small);
                throw new AssertionError(name + ": the input of seed " + seed + " (replay with -Dbulletin.fuzz.seed="
                        + seed + " -Dbulletin.fuzz.tries=1) ended in " + failure + "; shrunk from " + input.length
                        + " to " + small.length + " bytes, saved as " + saved + ":\n" + preview(small),
                        failureOf(check, small));
            }
        }
        Run run = new Run(name, done, Duration.ofNanos(System.nanoTime() - started), BASE_SEED, slowestSeed,
                Duration.ofNanos(slowest));
        System.out.println(run);
        return run;
    }

    /**
     * Runs {@code check} on {@code tries} values made by {@code generate} (a property test without
     * shrinking): a failure names the value and the seed that made it, as {@link #run} does.
     */
    public static <T> void forAll(String name, int tries, Function<Random, T> generate, Consumer<T> check) {
        int wanted = TRIES != null ? TRIES : (int) Math.max(1, tries * SCALE);
        for (int done = 0; done < wanted; done++) {
            long seed = BASE_SEED + done;
            T value = generate.apply(new Random(seed));
            try {
                check.accept(value);
            } catch (RuntimeException | AssertionError e) {
                throw new AssertionError(name + ": fails for " + org.imrap.bulletin.Printable.escape(String.valueOf(value))
                        + " (seed " + seed + "; replay with -Dbulletin.fuzz.seed=" + seed + " -Dbulletin.fuzz.tries=1)", e);
            }
        }
    }

    /**
     * Runs a reader on one input: a result, or a {@link BulletinException} that is not an internal
     * error, passes; anything else (another exception, an {@code Error}) is thrown back.
     */
    public static void expectResultOrBulletinError(Runnable reader) {
        try {
            reader.run();
        } catch (BulletinException e) {
            assertThat(e.exitCode()).as("exit code of " + e).isNotEqualTo(ExitCode.SOFTWARE);
            assertThat(e.getMessage()).as("message of " + e.getClass()).isNotBlank();
        }
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "fuzz");
            thread.setDaemon(true);
            return thread;
        });
    }

    private static synchronized Throwable failureOf(Consumer<byte[]> check, byte[] input) {
        Future<?> result = worker.submit(() -> check.accept(input));
        try {
            result.get(TRY_SECONDS, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            result.cancel(true);
            worker = newWorker(); // the stuck thread is left behind; it is a daemon
            return new AssertionError("no outcome after " + TRY_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e;
        }
    }

    /** Removes chunks, halving their size, as long as the input still fails with the same kind of throwable. */
    private static byte[] shrink(byte[] input, Throwable failure, Consumer<byte[]> check) {
        if (String.valueOf(failure.getMessage()).startsWith("no outcome after")) {
            return input;
        }
        byte[] current = input;
        int steps = 0;
        for (int chunk = Math.max(1, current.length / 2); chunk >= 1 && steps < SHRINK_STEPS; chunk /= 2) {
            for (int at = 0; at + chunk <= current.length && steps < SHRINK_STEPS; ) {
                byte[] candidate = new byte[current.length - chunk];
                System.arraycopy(current, 0, candidate, 0, at);
                System.arraycopy(current, at + chunk, candidate, at, current.length - at - chunk);
                steps++;
                Throwable again = failureOf(check, candidate);
                if (again != null && again.getClass() == failure.getClass()) {
                    current = candidate;
                } else {
                    at += chunk;
                }
            }
        }
        return current;
    }

    private static Path save(String name, long seed, byte[] input) {
        try {
            Path dir = Files.createDirectories(Path.of("target", "fuzz"));
            return Files.write(dir.resolve(name + "-" + seed + ".bin"), input);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String preview(byte[] input) {
        byte[] head = Arrays.copyOf(input, Math.min(input.length, 600));
        StringBuilder shown = new StringBuilder();
        for (byte b : head) {
            int c = b & 0xFF;
            shown.append(c == '\n' || (c >= 0x20 && c < 0x7F) ? String.valueOf((char) c) : String.format("\\x%02X", c));
        }
        return shown + (input.length > head.length ? "…" : "");
    }
}
