package org.imrap.bulletin.preview.live;

import static org.imrap.bulletin.Text.t;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.ExitCode;
import org.imrap.bulletin.Main;
import org.imrap.bulletin.address.EmailAddress;
import org.imrap.bulletin.config.Workspace;
import org.imrap.bulletin.io.LoopbackHttp;
import org.imrap.bulletin.preview.PreviewRequest;
import org.imrap.bulletin.preview.PreviewService;
import org.imrap.bulletin.preview.RenderedPreview;
import org.imrap.bulletin.recipients.RecipientsFolder;

/**
 * {@code bulletin preview --serve}: the month's bulletin, as a chosen person receives it, on a web page
 * that follows the workspace — edit a news file, a template, an image, a setting or a list, and the open
 * page shows the new version within about a second.
 *
 * <p>The server listens on the loopback address only, and answers only requests addressed to
 * {@code 127.0.0.1} or {@code localhost} at its port: a web page elsewhere cannot reach it through a name
 * of its own that resolves to 127.0.0.1 (DNS rebinding). It only reads the workspace.
 *
 * <p>How the page follows changes: {@link WorkspaceWatch} raises a version number when a file changes; the
 * page asks for {@code /version} every {@value #POLL_MS} ms and, when it has moved, fetches itself again and
 * reloads its frames. Each page and frame renders through {@link PreviewService}, the code that writes
 * {@code preview}'s files, and shows the message's own parts read back from its bytes; renderings are kept
 * per version and person, so the page and its frames share one. A failure (a broken news file) is shown in
 * the page, with file and line, and the server goes on.
 */
public final class LivePreview implements AutoCloseable {
    /** How often the page asks whether the workspace changed (written into live.js). */
    static final int POLL_MS = 400;
    private static final int KEPT_RENDERINGS = 8;
    private static final int THREADS = 4;
    private static final String HTML = "text/html; charset=utf-8";
    private static final String TEXT = "text/plain; charset=utf-8";
    /** The page: its own script only (no inline script), frames and requests to this server only. */
    private static final String PAGE_POLICY = "default-src 'self'; style-src 'unsafe-inline'; img-src 'self' data:;"
            + " frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
    /** The bulletin: images and styles from anywhere, as a mail reader fetches them, but no script, as none runs one. */
    private static final String MESSAGE_POLICY = "script-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none';"
            + " frame-ancestors 'self'";

    private final LiveRequest request;
    private final PreviewService previews;
    private final Workspace workspace;
    private final WorkspaceWatch watch;
    private final HttpServer server;
    private final ExecutorService workers;
    private final URI address;
    private final Set<String> hosts;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Map<Key, CompletableFuture<Rendering>> renderings = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, CompletableFuture<Rendering>> eldest) {
            return size() > KEPT_RENDERINGS;
        }
    };
    private volatile MenuAt menu = new MenuAt(0, Optional.empty());

    private record Key(long version, String person) {
    }

    private record MenuAt(long version, Optional<Menu> menu) {
    }

    private LivePreview(LiveRequest request, Clock clock) {
        this.request = request;
        this.previews = new PreviewService(clock);
        this.workspace = request.workspace();
        InetAddress loopback = InetAddress.getLoopbackAddress();
        workers = Executors.newFixedThreadPool(THREADS, new WorkerThreads());
        try {
            server = LoopbackHttp.listen(loopback, request.port(), workers, this::answer);
        } catch (IOException e) {
            workers.shutdownNow();
            throw new BulletinException(ExitCode.UNAVAILABLE, t("live.cannotListen", loopback.getHostAddress(),
                    request.port(), e.getMessage()), e instanceof BindException ? t("live.cannotListen.hint") : null);
        }
        int port = server.getAddress().getPort();
        String host = loopback instanceof Inet6Address ? "[" + loopback.getHostAddress() + "]" : loopback.getHostAddress();
        address = URI.create("http://" + host + ":" + port + "/");
        hosts = Set.of(host + ":" + port, "localhost:" + port);
        watch = new WorkspaceWatch(workspace.root());
        server.start();
    }

    /** Starts serving; {@link #close()} stops. Fails (exit 69) when the port is taken. */
    public static LivePreview start(LiveRequest request, Clock clock) {
        return new LivePreview(request, clock);
    }

    /** Where the page is: {@code http://127.0.0.1:PORT/}. */
    public URI address() {
        return address;
    }

    /** Waits until the server is closed. */
    public void awaitClose() throws InterruptedException {
        closed.await();
    }

    @Override
    public synchronized void close() {
        if (closed.getCount() == 0) {
            return;
        }
        server.stop(0);
        watch.close();
        workers.shutdownNow();
        closed.countDown();
    }

    private void answer(HttpExchange exchange) {
        try (exchange) {
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
            String host = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Host")).orElse("");
            if (!hosts.contains(host.toLowerCase(Locale.ROOT))) {
                send(exchange, 403, TEXT, t("live.wrongHost", address));
                return;
            }
            if (!exchange.getRequestMethod().equals("GET")) {
                exchange.getResponseHeaders().set("Allow", "GET");
                send(exchange, 405, TEXT, "GET");
                return;
            }
            route(exchange);
        } catch (IOException e) {
            // The browser went away before the answer was complete: nothing to do.
        } catch (RuntimeException | StackOverflowError e) {
            try {
                send(exchange, 500, TEXT, String.join("\n", Pages.describe(e, workspace.root())));
            } catch (IOException | RuntimeException again) {
                // The answer had begun: the browser sees it cut short.
            }
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Map<String, String> query;
        try {
            query = LoopbackHttp.query(exchange.getRequestURI().getRawQuery());
        } catch (IllegalArgumentException e) {
            send(exchange, 400, TEXT, e.getMessage());
            return;
        }
        String to = Optional.ofNullable(query.get("to")).map(String::strip).filter(value -> !value.isEmpty())
                .or(request::recipient).orElse("");
        switch (path) {
            case "/" -> {
                Rendering rendering = rendering(to);
                exchange.getResponseHeaders().set("Content-Security-Policy", PAGE_POLICY);
                send(exchange, 200, HTML, Pages.frame(rendering, menu(rendering.version()), to, workspace.root()));
            }
            case "/live.js" -> send(exchange, 200, "text/javascript; charset=utf-8", script());
            case "/version" -> send(exchange, 200, TEXT, String.valueOf(watch.version()));
            case "/message.html" -> {
                Rendering rendering = rendering(to);
                exchange.getResponseHeaders().set("Content-Security-Policy", MESSAGE_POLICY);
                if (rendering.ok()) {
                    send(exchange, 200, HTML, Pages.withServedImages(rendering.message().html()));
                } else {
                    send(exchange, 500, HTML, Pages.failure(rendering.failure(), workspace.root()));
                }
            }
            case "/message.txt" -> {
                Rendering rendering = rendering(to);
                send(exchange, rendering.ok() ? 200 : 500, TEXT, rendering.ok() ? rendering.message().text()
                        : String.join("\n", Pages.describe(rendering.failure(), workspace.root())));
            }
            case "/message.eml" -> {
                Rendering rendering = rendering(to);
                if (rendering.ok()) {
                    exchange.getResponseHeaders().set("Content-Disposition",
                            "attachment; filename=\"bulletin-" + rendering.preview().month() + ".eml\"");
                    send(exchange, 200, "message/rfc822", rendering.preview().eml());
                } else {
                    send(exchange, 500, TEXT, String.join("\n", Pages.describe(rendering.failure(), workspace.root())));
                }
            }
            default -> {
                Optional<ReceivedMessage.Image> image = path.startsWith("/image/")
                        ? Optional.of(rendering(to)).filter(Rendering::ok)
                                .flatMap(rendering -> rendering.message().image(path.substring("/image/".length())))
                        : Optional.empty();
                if (image.isPresent()) {
                    send(exchange, 200, image.get().contentType(), image.get().bytes());
                } else {
                    send(exchange, 404, TEXT, t("live.notFound"));
                }
            }
        }
    }

    /** The bulletin for {@code to} (empty: the first person) as the workspace stands, rendered once per version. */
    private Rendering rendering(String to) {
        long version = watch.version();
        Key key = new Key(version, to.isEmpty() ? "" : EmailAddress.canonical(to));
        CompletableFuture<Rendering> mine = new CompletableFuture<>();
        CompletableFuture<Rendering> theirs;
        synchronized (renderings) {
            theirs = renderings.putIfAbsent(key, mine);
        }
        if (theirs != null) {
            return theirs.join();
        }
        mine.complete(render(version, to));
        return mine.join();
    }

    private Rendering render(long version, String to) {
        try {
            RenderedPreview preview = previews.render(new PreviewRequest(workspace, request.month(), request.lists(),
                    to.isEmpty() ? Optional.empty() : Optional.of(to), workspace.outDir(), request.attach()));
            return Rendering.of(version, preview, new ReceivedMessage(preview.eml()));
        } catch (RuntimeException | StackOverflowError | jakarta.mail.MessagingException | IOException e) {
            return Rendering.failed(version, e);
        }
    }

    /** The people the page offers, read again when the workspace changed; empty when a list cannot be read. */
    private Optional<Menu> menu(long version) {
        MenuAt known = menu;
        if (known.version() != version) {
            Optional<Menu> read;
            try {
                read = Optional.of(Menu.read(new RecipientsFolder(workspace.recipientsDir()), request.lists()));
            } catch (RuntimeException e) {
                read = Optional.empty();  // the rendering fails for the same reason, and the page says it
            }
            known = new MenuAt(version, read);
            menu = known;
        }
        return known.menu();
    }

    private static String script() throws IOException {
        try (InputStream in = LivePreview.class.getResourceAsStream("live.js")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("POLL_MS", String.valueOf(POLL_MS));
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        send(exchange, status, type, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        LoopbackHttp.send(exchange, status, type, body);
    }

    /**
     * The threads that answer: daemons (Ctrl-C is not held up by a browser's open connection), with the deep
     * stack the libraries under news files may need ({@link Main#STACK_BYTES}).
     */
    private static final class WorkerThreads implements java.util.concurrent.ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(null, task, "bulletin-live-" + count.incrementAndGet(), Main.STACK_BYTES);
            thread.setDaemon(true);
            return thread;
        }
    }
}
