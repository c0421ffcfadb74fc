package org.imrap.bulletin.mail;

import static org.imrap.bulletin.Text.t;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Time limits on socket reads and writes, for a server that stops answering or stops reading.
 * Angus has them ({@code mail.smtp.timeout}, {@code mail.smtp.writetimeout}), but the first turns
 * every read into a non-blocking read, a poll and a read again (three system calls where one does),
 * and the second schedules and cancels a timer task for every write; together they cost more than
 * building the message. Here a read or a write only notes when it began; one daemon thread looks
 * twice per limit (at most every second) and closes the socket of one that has waited longer than
 * its limit, which ends it with an exception saying which limit it was.
 */
final class SocketWatchdog {
    private static final Set<Watch> WATCHED = ConcurrentHashMap.newKeySet();
    private static Thread watcher;

    private SocketWatchdog() {
    }

    /** The socket's output stream, each write limited to {@code limit} without progress. */
    static OutputStream watchWrites(Socket socket, OutputStream out, Duration limit) {
        Watch watch = watch(socket, limit, "smtp.writeTimeout");
        return new FilterOutputStream(out) {
            @Override
            public void write(int b) throws IOException {
                watch.run(() -> out.write(b));
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                watch.run(() -> out.write(bytes, offset, length));
            }

            @Override
            public void flush() throws IOException {
                watch.run(out::flush);
            }

            @Override
            public void close() throws IOException {
                WATCHED.remove(watch);
                out.close();
            }
        };
    }

    /** The socket's input stream, each read limited to {@code limit} without data. */
    static InputStream watchReads(Socket socket, InputStream in, Duration limit) {
        return watchReads(socket, in, limit, limit);
    }

    /**
     * The same, the first read limited to {@code greetingLimit}: a server speaks first (RFC 5321 §4.3.1),
     * and one that says nothing after connecting is not going to (most often a port that expects TLS
     * from the first byte); that failure is a {@link GreetingTimeoutException}.
     */
    static InputStream watchReads(Socket socket, InputStream in, Duration greetingLimit, Duration limit) {
        Watch watch = watch(socket, limit, "smtp.readTimeout");
        if (!greetingLimit.equals(limit)) {
            watch.awaitGreeting(greetingLimit.toNanos());
        }
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                return watch.read(in::read);
            }

            @Override
            public int read(byte[] bytes, int offset, int length) throws IOException {
                return watch.read(() -> in.read(bytes, offset, length));
            }

            @Override
            public void close() throws IOException {
                WATCHED.remove(watch);
                in.close();
            }
        };
    }

    /** Stops watching the socket's streams (the socket is closed). */
    static void forget(Socket socket) {
        WATCHED.removeIf(watch -> watch.socket == socket);
    }

    private static Watch watch(Socket socket, Duration limit, String setting) {
        Watch watch = new Watch(socket, limit.toNanos(), setting);
        WATCHED.add(watch);
        startWatcher();
        return watch;
    }

    private static synchronized void startWatcher() {
        if (watcher == null) {
            watcher = new Thread(SocketWatchdog::watchForever, "smtp-socket-watchdog");
            watcher.setDaemon(true);
            watcher.start();
        }
    }

    private static void watchForever() {
        while (true) {
            long shortest = 1000;
            for (Watch watch : WATCHED) {
                watch.closeIfStuck(System.nanoTime());
                shortest = Math.min(shortest, Math.max(10, watch.limitNanos / 2_000_000));
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

    /** One read from the socket: what it returns. */
    @FunctionalInterface
    private interface Read {
        int run() throws IOException;
    }

    /** One direction of one socket: when its read or write in progress began, if one is. */
    private static final class Watch {
        private final Socket socket;
        private final long laterLimitNanos;
        private final String setting;
        private volatile long limitNanos;
        private volatile boolean greeting;
        private volatile long since;
        private volatile boolean timedOut;

        Watch(Socket socket, long limitNanos, String setting) {
            this.socket = socket;
            this.limitNanos = limitNanos;
            this.laterLimitNanos = limitNanos;
            this.setting = setting;
        }

        /** Until the first read has returned, the limit is {@code nanos}. */
        void awaitGreeting(long nanos) {
            limitNanos = nanos;
            greeting = true;
        }

        /** Runs one write, noting when it began, and says why it failed if the watchdog ended it. */
        void run(Write write) throws IOException {
            read(() -> {
                write.run();
                return 0;
            });
        }

        /** Runs one read, noting when it began, and says why it failed if the watchdog ended it. */
        int read(Read read) throws IOException {
            since = System.nanoTime() | 1;
            try {
                int result = read.run();
                if (timedOut) {
                    // Bytes that came as the watchdog closed the socket (a TLS server answers the close with
                    // an alert) came too late: the limit had passed.
                    throw new java.net.SocketException("closed after the time limit");
                }
                if (greeting) {
                    greeting = false;
                    limitNanos = laterLimitNanos;
                }
                return result;
            } catch (IOException e) {
                throw explained(e);
            } finally {
                since = 0;
            }
        }

        void closeIfStuck(long now) {
            long began = since;
            if (began != 0 && now - began > limitNanos) {
                timedOut = true;
                WATCHED.remove(this);
                try {
                    socket.close();
                } catch (IOException e) {
                    // Closing is all that can be done; the read or write fails either way.
                }
            }
        }

        private IOException explained(IOException e) {
            if (!timedOut) {
                return e;
            }
            long seconds = Math.max(1, limitNanos / 1_000_000_000L);
            SocketTimeoutException timeout = greeting
                    ? new GreetingTimeoutException(t("smtp.greetingTimeout", seconds))
                    : new SocketTimeoutException(t(setting, seconds));
            timeout.addSuppressed(e);  // not the cause: the timeout is what a message about it must name
            return timeout;
        }
    }
}
