package org.imrap.bulletin.check;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A DNS server on 127.0.0.1 (UDP, RFC 1035 §4) that answers TXT questions from a table the test fills:
 * each record a list of character-strings; a name not in the table is NXDOMAIN. What SystemDns reads
 * through the JDK's own DNS client, without a network.
 */
final class TestDnsServer implements AutoCloseable {
    private static final int TXT = 16;

    private final DatagramSocket socket;
    private final Map<String, List<List<String>>> records = new ConcurrentHashMap<>();

    TestDnsServer() throws IOException {
        socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(this::serve, "test-dns");
        thread.setDaemon(true);
        thread.start();
    }

    /** {@code dns://127.0.0.1:PORT}, for SystemDns. */
    String address() {
        return "dns://127.0.0.1:" + socket.getLocalPort();
    }

    /** TXT records at {@code name}: each record its character-strings. */
    TestDnsServer txt(String name, List<List<String>> answer) {
        records.put(name.toLowerCase(Locale.ROOT), answer);
        return this;
    }

    private void serve() {
        byte[] buffer = new byte[512];
        while (!socket.isClosed()) {
            try {
                DatagramPacket query = new DatagramPacket(buffer, buffer.length);
                socket.receive(query);
                byte[] reply = answer(buffer, query.getLength());
                socket.send(new DatagramPacket(reply, reply.length, query.getSocketAddress()));
            } catch (IOException | RuntimeException e) {
                // closed, or a query this server does not understand: no answer
            }
        }
    }

    private byte[] answer(byte[] query, int length) {
        int position = 12;
        StringBuilder name = new StringBuilder();
        while (query[position] != 0) {
            int label = query[position] & 0xFF;
            name.append(name.length() == 0 ? "" : ".").append(new String(query, position + 1, label, StandardCharsets.US_ASCII));
            position += label + 1;
        }
        int questionEnd = position + 5;  // the final zero, QTYPE, QCLASS
        int type = ((query[position + 1] & 0xFF) << 8) | (query[position + 2] & 0xFF);
        List<List<String>> answer = records.get(name.toString().toLowerCase(Locale.ROOT));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(query[0]);
        out.write(query[1]);
        out.write(0x81);                       // a response, recursion desired
        out.write(answer == null ? 0x83 : 0x80);  // recursion available; NXDOMAIN when unknown
        short16(out, 1);
        short16(out, answer == null || type != TXT ? 0 : answer.size());
        short16(out, 0);
        short16(out, 0);
        out.write(query, 12, questionEnd - 12);
        if (answer != null && type == TXT) {
            for (List<String> record : answer) {
                ByteArrayOutputStream data = new ByteArrayOutputStream();
                for (String string : record) {
                    byte[] bytes = string.getBytes(StandardCharsets.US_ASCII);
                    data.write(bytes.length);
                    data.write(bytes, 0, bytes.length);
                }
                short16(out, 0xC00C);          // the name: a pointer to the question's
                short16(out, TXT);
                short16(out, 1);               // IN
                short16(out, 0);
                short16(out, 60);              // TTL
                short16(out, data.size());
                out.write(data.toByteArray(), 0, data.size());
            }
        }
        return out.toByteArray();
    }

    private static void short16(ByteArrayOutputStream out, int value) {
        out.write((value >> 8) & 0xFF);
        out.write(value & 0xFF);
    }

    @Override
    public void close() {
        socket.close();
    }
}
