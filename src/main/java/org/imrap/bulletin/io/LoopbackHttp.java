package org.imrap.bulletin.io;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * The small web servers bulletin runs for the person at the machine, on a loopback address only (the browser
 * sign-in's redirect, RFC 8252 §7.3; the live preview): bound, a request's query read, an answer sent in one
 * piece. What each answers, and which requests it refuses, stays with its user.
 */
public final class LoopbackHttp {
    private LoopbackHttp() {
    }

    /**
     * A server bound to {@code loopback} at {@code port} (0: one the system picks), every path answered by
     * {@code handler} on {@code executor} (null: the server's own thread). It answers nothing before its
     * {@link HttpServer#start() start()}: its user first learns the port and gets ready.
     *
     * @throws IOException the port cannot be had ({@link java.net.BindException} when it is taken)
     */
    public static HttpServer listen(InetAddress loopback, int port, Executor executor, HttpHandler handler)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(loopback, port), 0);
        server.setExecutor(executor);
        server.createContext("/", handler);
        return server;
    }

    /**
     * The parameters of a raw query ({@code to=awa%40example.org&x}), decoded as UTF-8; a name without
     * {@code =} has the empty value, and the first of a repeated name wins.
     *
     * @throws IllegalArgumentException a broken %-escape
     */
    public static Map<String, String> query(String raw) {
        Map<String, String> values = new HashMap<>();
        if (raw == null) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            values.putIfAbsent(name, value);
        }
        return values;
    }

    /** Answers with {@code status} and {@code body} of {@code type}, and ends the answer. */
    public static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
