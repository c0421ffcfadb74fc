package org.imrap.bulletin.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A server that stops reading: the write that can go no further fails after the limit, and the socket is closed. */
class WriteLimitTest {

    @Test
    void aWriteThatMakesNoProgressFailsAfterTheLimitAndOrdinaryWritesAreUntouched() throws Exception {
        try (ServerSocket server = new ServerSocket()) {
            server.setReceiveBufferSize(4096);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Socket socket = new NoDelaySocketFactory(Duration.ofSeconds(1)).createSocket();
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
