package org.imrap.bulletin.mail;

import static org.imrap.bulletin.Text.t;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A time limit on socket writes, for a server that stops reading. Angus has one
 * ({@code mail.smtp.writetimeout}), but it schedules and cancels a timer task for every write, several
 * per message, which cost more CPU than building the message. Here a write only notes when it began;
 * one daemon thread looks twice per limit (at most every second) and closes the socket of a write
 * that has made no progress for longer than the limit, which ends that write with an exception.
 */
final class WriteWatchdog {
    private static final Set<Watched> WATCHED = ConcurrentHashMap.newKeySet();
    private static Thread watcher;

    private WriteWatchdog() {
    }

    /** The socket's output stream, its writes limited to {@code limit} each. */
    static OutputStream watch(Socket socket, OutputStream out, Duration limit) {
        Watched watched = new Watched(socket, out, limit);
        WATCHED.add(watched);
        startWatcher();
        return watched;
    }

    /** Forgets the socket's stream (its socket is closed). */
    static void forget(OutputStream stream) {
        WATCHED.remove(stream);
    }

    private static synchronized void startWatcher() {
        if (watcher == null) {
            watcher = new Thread(WriteWatchdog::watchForever, "smtp-write-watchdog");
            watcher.setDaemon(true);
            watcher.start();
        }
    }

    private static void watchForever() {
        while (true) {
            long shortest = 1000;
            for (Watched watched : WATCHED) {
                watched.closeIfStuck(System.nanoTime());
                shortest = Math.min(shortest, Math.max(10, watched.limitNanos / 2_000_000));
            }
            try {
                Thread.sleep(shortest);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** One write to the socket. */
    @FunctionalInterface
    private interface Write {
        void run() throws IOException;
    }

    /** A socket's output stream whose writes say when they began. */
    private static final class Watched extends FilterOutputStream {
        private final Socket socket;
        private final long limitNanos;
        private volatile long writingSince;
        private volatile boolean timedOut;

        Watched(Socket socket, OutputStream out, Duration limit) {
            super(out);
            this.socket = socket;
            this.limitNanos = limit.toNanos();
        }

        void closeIfStuck(long now) {
            long since = writingSince;
            if (since != 0 && now - since > limitNanos) {
                timedOut = true;
                WATCHED.remove(this);
                try {
                    socket.close();
                } catch (IOException e) {
                    // Closing is all that can be done; the write fails either way.
                }
            }
        }

        @Override
        public void write(int b) throws IOException {
            watched(() -> out.write(b));
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            watched(() -> out.write(bytes, offset, length));
        }

        @Override
        public void flush() throws IOException {
            watched(out::flush);
        }

        /** Runs one write, noting when it began and saying why it failed if the watchdog ended it. */
        private void watched(Write write) throws IOException {
            writingSince = System.nanoTime() | 1;
            try {
                write.run();
            } catch (IOException e) {
                throw explained(e);
            } finally {
                writingSince = 0;
            }
        }

        @Override
        public void close() throws IOException {
            WATCHED.remove(this);
            out.close();
        }

        private IOException explained(IOException e) {
            if (!timedOut) {
                return e;
            }
            SocketTimeoutException timeout = new SocketTimeoutException(
                    t("smtp.writeTimeout", Math.max(1, limitNanos / 1_000_000_000L)));
            timeout.initCause(e);
            return timeout;
        }
    }
}
