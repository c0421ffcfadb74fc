package org.imrap.bulletin.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy shaped like IMRAP's link to a provider in Europe, for bench/run: every byte waits a one-way
 * delay in each direction, and the bytes from clients to the server share one rate limit (the uplink), as all
 * connections of a sender share one line. The server's replies are small: they get the delay only.
 *
 * <p>{@code SlowLink LISTEN_PORT TARGET_PORT DELAY_MS UPLINK_BITS_PER_SECOND STATS_FILE}: listens on 127.0.0.1,
 * forwards to 127.0.0.1:TARGET_PORT, and writes to STATS_FILE, when stopped (SIGTERM), one line:
 * {@code bytes_up first_accept_nanos last_byte_nanos connections} — bytes from clients to the server, the first
 * connection, the last byte forwarded either way (System.nanoTime), connections accepted.
 */
public final class SlowLink {
    private final long delayNanos;
    private final double nanosPerByte;
    private final int target;
    /** When the shared uplink is free again (nanoTime). */
    private long uplinkFree;
    private final AtomicLong bytesUp = new AtomicLong();
    private final AtomicLong firstAccept = new AtomicLong();
    private final AtomicLong lastByte = new AtomicLong();
    private final AtomicLong connections = new AtomicLong();

    private SlowLink(int target, long delayMillis, long bitsPerSecond) {
        this.target = target;
        this.delayNanos = TimeUnit.MILLISECONDS.toNanos(delayMillis);
        this.nanosPerByte = 8e9 / bitsPerSecond;
    }

    public static void main(String[] args) throws IOException {
        int listen = Integer.parseInt(args[0]);
        SlowLink link = new SlowLink(Integer.parseInt(args[1]), Long.parseLong(args[2]), Long.parseLong(args[3]));
        Path stats = Path.of(args[4]);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Files.writeString(stats, link.bytesUp.get() + " " + link.firstAccept.get() + " " + link.lastByte.get()
                        + " " + link.connections.get() + "\n");
            } catch (IOException e) {
                e.printStackTrace();
            }
        }));
        try (ServerSocket server = new ServerSocket()) {
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), listen), 64);
            PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
            out.println("slow link on 127.0.0.1:" + listen);
            while (true) {
                Socket client = server.accept();
                link.firstAccept.compareAndSet(0, System.nanoTime());
                link.connections.incrementAndGet();
                link.connect(client);
            }
        }
    }

    private void connect(Socket client) {
        Thread opener = new Thread(() -> {
            try {
                client.setTcpNoDelay(true);
                // The TCP handshake crosses the link too: one round trip before the server sees the connection.
                sleepUntil(System.nanoTime() + 2 * delayNanos);
                Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
                server.setTcpNoDelay(true);
                pipe(client, server, true);
                pipe(server, client, false);
            } catch (IOException e) {
                close(client);
            }
        }, "slow-link-open");
        opener.setDaemon(true);
        opener.start();
    }

    /** A chunk to write at {@code due} (nanoTime); an empty one closes the way. */
    private record Chunk(byte[] bytes, long due) {
    }

    private void pipe(Socket from, Socket to, boolean up) {
        BlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream()) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    long due;
                    if (up) {
                        bytesUp.addAndGet(n);
                        due = sendUp(n) + delayNanos;
                    } else {
                        due = System.nanoTime() + delayNanos;
                    }
                    queue.add(new Chunk(Arrays.copyOf(buffer, n), due));
                }
            } catch (IOException e) {
                // The connection ended.
            }
            queue.add(new Chunk(new byte[0], System.nanoTime() + delayNanos));
        }, up ? "slow-link-up" : "slow-link-down");
        Thread writer = new Thread(() -> {
            try (OutputStream out = to.getOutputStream()) {
                while (true) {
                    Chunk chunk = queue.take();
                    sleepUntil(chunk.due());
                    if (chunk.bytes().length == 0) {
                        break;
                    }
                    out.write(chunk.bytes());
                    out.flush();
                    lastByte.set(System.nanoTime());
                }
            } catch (IOException | InterruptedException e) {
                // The other side went away.
            }
            close(to);
            close(from);
        }, up ? "slow-link-up-writer" : "slow-link-down-writer");
        reader.setDaemon(true);
        writer.setDaemon(true);
        reader.start();
        writer.start();
    }

    /** Puts {@code bytes} on the shared uplink: when they have all left (nanoTime). */
    private synchronized long sendUp(int bytes) {
        long now = System.nanoTime();
        long start = Math.max(now, uplinkFree);
        uplinkFree = start + (long) (bytes * nanosPerByte);
        return uplinkFree;
    }

    private static void sleepUntil(long due) {
        for (long left = due - System.nanoTime(); left > 0; left = due - System.nanoTime()) {
            try {
                TimeUnit.NANOSECONDS.sleep(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Already closed.
        }
    }
}
