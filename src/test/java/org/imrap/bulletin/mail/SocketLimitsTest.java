package org.imrap.bulletin.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A server that stops reading, or never answers: the write that can go no further, or the read that
 * gets nothing, fails after its limit, and the socket is closed.
 */
class SocketLimitsTest {

    @Test
    void aReadThatGetsNothingFailsAfterTheLimitAndOrdinaryReadsAreUntouched() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Socket socket = new NoDelaySocketFactory(Duration.ofSeconds(1), Duration.ZERO).createSocket();
            socket.connect(server.getLocalSocketAddress(), 5000);
            try (Socket accepted = server.accept()) {
                accepted.getOutputStream().write("220 ready\r\n".getBytes());
                InputStream in = socket.getInputStream();
                assertThat(in.read(new byte[64])).isEqualTo(11);

                long start = System.nanoTime();
                assertThatThrownBy(() -> in.read(new byte[64])).isInstanceOf(SocketTimeoutException.class)
                        .hasMessageContaining("timed out", "1 s", "smtp.readTimeout");
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(1)).isLessThan(Duration.ofSeconds(30));
                assertThat(socket.isClosed()).isTrue();
            }
        }
    }

    @Test
    void aGreetingThatNeverComesFailsAfterTheConnectTimeoutAndLaterReadsHaveTheReadTimeout() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Socket silent = new NoDelaySocketFactory(Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ZERO).createSocket();
            silent.connect(server.getLocalSocketAddress(), 5000);
            try (Socket accepted = server.accept()) {
                long start = System.nanoTime();
                assertThatThrownBy(() -> silent.getInputStream().read(new byte[64]))
                        .isInstanceOf(GreetingTimeoutException.class).hasMessageContaining("no greeting within 1 s");
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
            }

            Socket greeted = new NoDelaySocketFactory(Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ZERO).createSocket();
            greeted.connect(server.getLocalSocketAddress(), 5000);
            try (Socket accepted = server.accept()) {
                accepted.getOutputStream().write("220 ready\r\n".getBytes());
                InputStream in = greeted.getInputStream();
                assertThat(in.read(new byte[64])).isEqualTo(11);
                Thread reply = new Thread(() -> {
                    try {
                        Thread.sleep(1500);  // longer than the greeting's limit: the read waiting for it is not cut short
                        accepted.getOutputStream().write("250 ok\r\n".getBytes());
                    } catch (Exception e) {
                        // the assertion below fails
                    }
                });
                reply.start();
                assertThat(in.read(new byte[64])).isEqualTo(8);
                reply.join();
                assertThat(greeted.isClosed()).isFalse();
            } finally {
                greeted.close();
            }
        }
    }

    @Test
    void aWriteThatMakesNoProgressFailsAfterTheLimitAndOrdinaryWritesAreUntouched() throws Exception {
        try (ServerSocket server = new ServerSocket()) {
            server.setReceiveBufferSize(4096);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Socket socket = new NoDelaySocketFactory(Duration.ZERO, Duration.ofSeconds(1)).createSocket();
            socket.connect(server.getLocalSocketAddress(), 5000);
            try (Socket accepted = server.accept()) {
                OutputStream out = socket.getOutputStream();
                out.write("EHLO test\r\n".getBytes());
                out.flush();
                assertThat(accepted.getInputStream().read(new byte[64])).isPositive();

                byte[] chunk = new byte[1 << 20];
                long start = System.nanoTime();
                assertThatThrownBy(() -> {
                    // Far more than the kernel buffers hold: a write blocks once they are full.
                    for (int i = 0; i < 256; i++) {
                        out.write(chunk);
                    }
                }).isInstanceOf(SocketTimeoutException.class).hasMessageContaining("1 s");
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
                assertThat(socket.isClosed()).isTrue();
            }
        }
    }
}
