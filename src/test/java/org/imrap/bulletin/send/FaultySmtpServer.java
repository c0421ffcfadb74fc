package org.imrap.bulletin.send;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small SMTP server (RFC 5321) on 127.0.0.1 that answers what a test tells it to, for the failure
 * paths GreenMail cannot produce: a chosen reply per recipient at RCPT or after DATA, a 421 and a
 * closed connection mid-transaction or after N messages, a reply that never comes. A message counts
 * as received only once the server has answered 250 to its final dot, as a real MTA commits it.
 * Commands that arrive in the same packet as a final dot (a client pipelining across messages, RFC 2920
 * §3.1) are read after it, and their replies leave together with the dot's. With {@link #withChunking} it also
 * offers CHUNKING (RFC 3030): a {@code BDAT ... LAST} chunk ends a message as the final dot does, and every
 * fault above applies to it the same way.
 */
public final class FaultySmtpServer implements AutoCloseable {

    /** A message the server accepted. */
    public record Received(int session, String from, List<String> to, String data) {
    }

    private final ServerSocket listener;
    private final List<Socket> clients = new CopyOnWriteArrayList<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger sessions = new AtomicInteger();
    private final Map<String, String> rcptReplies = new ConcurrentHashMap<>();
    private final Map<String, String> dataReplies = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> deferrals = new ConcurrentHashMap<>();
    private final Map<String, String> deferralReplies = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> drops = new ConcurrentHashMap<>();
    private final Map<String, Boolean> stalls = new ConcurrentHashMap<>();
    private volatile int closeAfterMessages = Integer.MAX_VALUE;
    private volatile int maxSessions = Integer.MAX_VALUE;
    private volatile int stallAfterTotal = Integer.MAX_VALUE;
    private volatile CountDownLatch stalled = new CountDownLatch(1);
    private volatile boolean offerStartTls;
    private volatile boolean offerPipelining = true;
    private final AtomicInteger pipelinedEnvelopes = new AtomicInteger();
    private final AtomicInteger commandsBehindFinalDot = new AtomicInteger();
    private final List<String> mailCommands = new CopyOnWriteArrayList<>();
    private volatile boolean offerEightBitMime = true;
    private volatile boolean offerChunking;
    private final AtomicInteger chunks = new AtomicInteger();
    private final Map<String, String> chunkReplies = new ConcurrentHashMap<>();
    private final AtomicInteger dataCommands = new AtomicInteger();
    private volatile long greetingDelayMillis;
    /** A distant server by default (each batch of replies leaves 5 ms late), so that bulletin pipelines across messages. */
    private volatile long latencyMillis = 5;
    private volatile long finalReplyDelayMillis;
    private final List<Long> acceptedAt = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> dataDeferrals = new ConcurrentHashMap<>();
    private final Map<String, String> dataDeferralReplies = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> dropsAfterAccepting = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> silentDrops = new ConcurrentHashMap<>();
    private volatile java.util.function.IntConsumer onFinalDot = accepted -> { };
    private volatile int refuseSenderAfter = Integer.MAX_VALUE;
    private volatile String senderReply;
    private volatile String everyRecipientReply;
    private volatile String everyMessageReply;
    private volatile String user;
    private volatile String password;
    private volatile String authMechanisms = "PLAIN LOGIN";
    private volatile String loginRefusal = "535 5.7.8 Authentication credentials invalid";
    private volatile javax.net.ssl.SSLContext startTls;

    public FaultySmtpServer() throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "faulty-smtp-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** RCPT TO for this address is answered with {@code reply} (e.g. "550 5.1.1 No such user"). */
    public FaultySmtpServer replyToRecipient(String address, String reply) {
        rcptReplies.put(key(address), reply);
        return this;
    }

    /** The final dot of a message to this address is answered with {@code reply} (e.g. "554 5.7.1 Rejected"). */
    public FaultySmtpServer replyAfterData(String address, String reply) {
        dataReplies.put(key(address), reply);
        return this;
    }

    /** RCPT TO for this address is answered {@code reply} (a 4xx) the first {@code times} times, then accepted. */
    public FaultySmtpServer deferRecipient(String address, String reply, int times) {
        deferrals.put(key(address), new AtomicInteger(times));
        deferralReplies.put(key(address), reply);
        return this;
    }

    /** After the final dot of a message to this address: "421" and the connection closed, {@code times} times. */
    public FaultySmtpServer closeAfterData(String address, int times) {
        drops.put(key(address), new AtomicInteger(times));
        return this;
    }

    /** The final dot of a message to this address is answered {@code reply} (a 4xx) the first {@code times} times, then accepted. */
    public FaultySmtpServer deferAfterData(String address, String reply, int times) {
        dataDeferrals.put(key(address), new AtomicInteger(times));
        dataDeferralReplies.put(key(address), reply);
        return this;
    }

    /** A message to this address is accepted (250), then the connection is closed at once, {@code times} times. */
    public FaultySmtpServer closeAfterAccepting(String address, int times) {
        dropsAfterAccepting.put(key(address), new AtomicInteger(times));
        return this;
    }

    /** After the final dot of a message to this address, the connection is closed without a reply, {@code times} times. */
    public FaultySmtpServer closeWithoutReplyAfterData(String address, int times) {
        silentDrops.put(key(address), new AtomicInteger(times));
        return this;
    }

    /**
     * Called on the server's thread as each final dot arrives, before it is answered, with the number of messages
     * accepted until then (the journal must already hold each of them).
     */
    public FaultySmtpServer onFinalDot(java.util.function.IntConsumer check) {
        onFinalDot = check;
        return this;
    }

    /** How many final dots arrived with the next command already behind them (RFC 2920 §3.1: one write for both). */
    public int commandsBehindFinalDot() {
        return commandsBehindFinalDot.get();
    }

    /** The final dot of a message to this address is never answered. */
    public FaultySmtpServer neverReplyAfterData(String address) {
        stalls.put(key(address), true);
        return this;
    }

    /** Each connection takes {@code n} messages, then answers the next MAIL FROM with 421 and closes. */
    public FaultySmtpServer closeAfterMessages(int n) {
        closeAfterMessages = n;
        return this;
    }

    /** Connections beyond the first {@code n} are greeted with 421 and closed (a limit per client). */
    public FaultySmtpServer maxSessions(int n) {
        maxSessions = n;
        return this;
    }

    /** Once {@code n} messages have been received in all, the next final dot is never answered; see {@link #awaitStall}. */
    public FaultySmtpServer stallAfterTotal(int n) {
        stallAfterTotal = n;
        stalled = new CountDownLatch(1);
        return this;
    }

    public boolean awaitStall(long seconds) throws InterruptedException {
        return stalled.await(seconds, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** Once {@code total} messages have been received in all, MAIL FROM is answered {@code reply}. */
    public FaultySmtpServer refuseSenderAfter(int total, String reply) {
        refuseSenderAfter = total;
        senderReply = reply;
        return this;
    }

    /** Every RCPT TO is answered {@code reply}. */
    public FaultySmtpServer replyToEveryRecipient(String reply) {
        everyRecipientReply = reply;
        return this;
    }

    /** The final dot of every message is answered {@code reply}. */
    public FaultySmtpServer replyAfterEveryMessage(String reply) {
        everyMessageReply = reply;
        return this;
    }

    /** Clears every fault: the server behaves normally from now on. */
    public void heal() {
        refuseSenderAfter = Integer.MAX_VALUE;
        everyRecipientReply = null;
        everyMessageReply = null;
        rcptReplies.clear();
        dataReplies.clear();
        chunkReplies.clear();
        deferrals.clear();
        drops.clear();
        stalls.clear();
        dataDeferrals.clear();
        dropsAfterAccepting.clear();
        silentDrops.clear();
        closeAfterMessages = Integer.MAX_VALUE;
        stallAfterTotal = Integer.MAX_VALUE;
    }

    /** Advertises STARTTLS in EHLO (but cannot do it): for tests that must refuse before that. */
    public FaultySmtpServer advertiseStartTls() {
        offerStartTls = true;
        return this;
    }

    /** Offers STARTTLS (RFC 3207) and does it, with this server-side TLS (its certificate). */
    public FaultySmtpServer startTls(javax.net.ssl.SSLContext tls) {
        startTls = tls;
        offerStartTls = true;
        return this;
    }

    /** With {@link #requireLogin}: the mechanisms EHLO offers (default "PLAIN LOGIN"), e.g. "XOAUTH2" alone. */
    public FaultySmtpServer offerAuth(String mechanisms) {
        authMechanisms = mechanisms;
        return this;
    }

    /** A wrong login is answered {@code reply} (e.g. Microsoft 365's "535 5.7.139 … SmtpClientAuthentication is disabled …"). */
    public FaultySmtpServer refuseLoginWith(String reply) {
        loginRefusal = reply;
        return this;
    }

    /** Does not offer PIPELINING (RFC 2920) in EHLO (Postfix, Exim and the big providers do): the client then waits for each reply. */
    public FaultySmtpServer withoutPipelining() {
        offerPipelining = false;
        return this;
    }

    /** Replies leave at once: a server on this machine or the LAN, where bulletin waits for each final dot's reply. */
    public FaultySmtpServer near() {
        latencyMillis = 0;
        return this;
    }

    /** Each greeting waits this long (a distant server: the round trips of opening a connection). */
    public FaultySmtpServer greetingDelay(java.time.Duration delay) {
        greetingDelayMillis = delay.toMillis();
        return this;
    }

    /** Each reply to a final dot waits this long (a distant server): one connection then sends at most 1/delay a second. */
    public FaultySmtpServer finalReplyDelay(java.time.Duration delay) {
        finalReplyDelayMillis = delay.toMillis();
        return this;
    }

    /** When each connection was accepted (System.nanoTime), in order. */
    public List<Long> acceptedAt() {
        return List.copyOf(acceptedAt);
    }

    /** Does not offer 8BITMIME (RFC 6152): the client must send 7-bit content. */
    public FaultySmtpServer withoutEightBitMime() {
        offerEightBitMime = false;
        return this;
    }

    /** Offers CHUNKING (RFC 3030) in EHLO, and takes BDAT. */
    public FaultySmtpServer withChunking() {
        offerChunking = true;
        return this;
    }

    public boolean offersChunking() {
        return offerChunking;
    }

    /** With CHUNKING: the first chunk of a message to this address is refused with {@code reply} (e.g. "552 5.3.4 …"). */
    public FaultySmtpServer refuseChunk(String address, String reply) {
        chunkReplies.put(key(address), reply);
        return this;
    }

    /** How many BDAT commands arrived (every chunk, the last ones included). */
    public int chunks() {
        return chunks.get();
    }

    /** How many DATA commands arrived. */
    public int dataCommands() {
        return dataCommands.get();
    }

    /** Every MAIL FROM command accepted, as it came (with its parameters, e.g. BODY=8BITMIME). */
    public List<String> mailCommands() {
        return List.copyOf(mailCommands);
    }

    public boolean offersPipelining() {
        return offerPipelining;
    }

    /** How many accepted MAIL FROM commands arrived with the next command already behind them (pipelined). */
    public int pipelinedEnvelopes() {
        return pipelinedEnvelopes.get();
    }

    /** Requires AUTH PLAIN or LOGIN with these credentials. */
    public FaultySmtpServer requireLogin(String user, String password) {
        this.user = user;
        this.password = password;
        return this;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** Every recipient of every accepted message, in order. */
    public List<String> recipients() {
        List<String> all = new ArrayList<>();
        received.forEach(message -> all.addAll(message.to()));
        return all;
    }

    public int sessions() {
        return sessions.get();
    }

    private static String key(String address) {
        return address.toLowerCase(Locale.ROOT);
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                acceptedAt.add(System.nanoTime());
                clients.add(socket);
                int session = sessions.incrementAndGet();
                Thread thread = new Thread(() -> serve(socket, session), "faulty-smtp-" + session);
                thread.setDaemon(true);
                thread.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket, int session) {
        try (socket) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            if (session > maxSessions) {
                out.write("421 4.7.0 Too many connections from your host\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                return;
            }
            OutputStream replies = new java.io.BufferedOutputStream(out);
            try {
                new Conversation(session, socket, in, replies).run();
            } finally {
                replies.flush();
            }
        } catch (IOException e) {
            // The client went away: the transaction in progress is dropped, like a real MTA does.
        }
    }

    /** One SMTP session (RFC 5321 §4.1). */
    private final class Conversation {
        private final int session;
        private final Socket socket;
        private BufferedReader in;
        private OutputStream out;
        private boolean tls;
        private String from;
        private final List<String> to = new ArrayList<>();
        private int messages;
        private boolean authenticated;
        /** The chunks of the message in progress (BDAT), and whether one of them was refused. */
        private final StringBuilder content = new StringBuilder();
        private boolean chunkRefused;

        Conversation(int session, Socket socket, BufferedReader in, OutputStream out) {
            this.session = session;
            this.socket = socket;
            this.in = in;
            this.out = out;
        }

        void run() throws IOException {
            pause(greetingDelayMillis);
            reply("220 faulty.test ESMTP");
            out.flush();  // the greeting goes at once, whatever the client sent first (a TLS hello to a plain port)
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line.toUpperCase(Locale.ROOT);
                switch (verb) {
                    case "EHLO" -> reply("250-faulty.test" + (offerStartTls && !tls ? "\r\n250-STARTTLS" : "")
                            + (user != null ? "\r\n250-AUTH " + authMechanisms : "")
                            + (offerPipelining ? "\r\n250-PIPELINING" : "")
                            + (offerChunking ? "\r\n250-CHUNKING" : "")
                            + (offerEightBitMime ? "\r\n250 8BITMIME" : "\r\n250 SIZE 10240000"));
                    case "HELO" -> reply("250 faulty.test");
                    case "AUTH" -> auth(line);
                    case "MAIL" -> mail(line);
                    case "RCPT" -> rcpt(line);
                    case "DATA" -> {
                        dataCommands.incrementAndGet();
                        if (!data()) {
                            return;
                        }
                    }
                    case "BDAT" -> {
                        if (!offerChunking || !bdat(line)) {
                            return;
                        }
                    }
                    case "RSET" -> {
                        reset();
                        reply("250 2.0.0 OK");
                    }
                    case "NOOP" -> reply("250 2.0.0 OK");
                    case "STAR" -> startTls();
                    case "QUIT" -> {
                        reply("221 2.0.0 Bye");
                        return;
                    }
                    default -> reply("502 5.5.2 Command not recognised");
                }
            }
        }

        /** STARTTLS (RFC 3207 §4): 220, then the handshake; the session starts again, as if new. */
        private void startTls() throws IOException {
            if (startTls == null || tls) {
                reply("454 4.7.0 TLS not available");
                return;
            }
            reply("220 2.0.0 Ready to start TLS");
            out.flush();
            javax.net.ssl.SSLSocket ssl = (javax.net.ssl.SSLSocket) startTls.getSocketFactory()
                    .createSocket(socket, null, socket.getPort(), true);
            ssl.setUseClientMode(false);
            ssl.startHandshake();
            in = new BufferedReader(new InputStreamReader(ssl.getInputStream(), StandardCharsets.UTF_8));
            out = new java.io.BufferedOutputStream(ssl.getOutputStream());
            tls = true;
            authenticated = false;
            reset();
        }

        private void auth(String line) throws IOException {
            String[] words = line.split(" ");
            String given;
            if (words.length >= 2 && words[1].equalsIgnoreCase("PLAIN")) {
                String encoded = words.length >= 3 ? words[2] : prompt("334 ");
                String[] parts = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8).split("\0", -1);
                given = parts.length == 3 ? parts[1] + "\0" + parts[2] : "";
            } else if (words.length >= 2 && words[1].equalsIgnoreCase("LOGIN")) {
                String name = decode(prompt("334 VXNlcm5hbWU6"));
                given = name + "\0" + decode(prompt("334 UGFzc3dvcmQ6"));
            } else {
                reply("504 5.5.4 Unrecognized authentication type");
                return;
            }
            authenticated = given.equals(user + "\0" + password);
            reply(authenticated ? "235 2.7.0 Authentication successful" : loginRefusal);
        }

        private String prompt(String challenge) throws IOException {
            reply(challenge);
            String answer = in.readLine();
            return answer == null ? "" : answer.strip();
        }

        private String decode(String base64) {
            return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
        }

        private void mail(String line) throws IOException {
            if (user != null && !authenticated) {
                reply("530 5.7.0 Authentication required");
                return;
            }
            if (from != null) {
                reply("503 5.5.1 Error: nested MAIL command");
                return;
            }
            if (received.size() >= refuseSenderAfter) {
                reply(senderReply);
                return;
            }
            if (messages >= closeAfterMessages) {
                reply("421 4.7.0 faulty.test Too many messages in this session, closing");
                throw new IOException("closed after " + messages + " messages");
            }
            from = address(line);
            mailCommands.add(line);
            if (in.ready()) {
                pipelinedEnvelopes.incrementAndGet();
            }
            reply("250 2.1.0 OK");
        }

        private void rcpt(String line) throws IOException {
            if (from == null) {
                reply("503 5.5.1 Error: need MAIL command");
                return;
            }
            String address = address(line);
            String k = key(address);
            AtomicInteger deferral = deferrals.get(k);
            if (deferral != null && deferral.getAndDecrement() > 0) {
                reply(deferralReplies.get(k));
                return;
            }
            String scripted = everyRecipientReply != null ? everyRecipientReply : rcptReplies.get(k);
            if (scripted != null) {
                reply(scripted);
                return;
            }
            to.add(address);
            reply("250 2.1.5 OK");
        }

        /** False when the connection is to be closed. */
        private boolean data() throws IOException {
            if (to.isEmpty()) {
                reply("503 5.5.1 Error: need RCPT command");
                return true;
            }
            reply("354 End data with <CR><LF>.<CR><LF>");
            StringBuilder data = new StringBuilder();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.equals(".")) {
                    if (in.ready()) {
                        commandsBehindFinalDot.incrementAndGet();
                    }
                    onFinalDot.accept(received.size());
                    return finishData(data.toString());
                }
                data.append(line.startsWith(".") ? line.substring(1) : line).append("\r\n");
            }
            return false;
        }

        /**
         * BDAT (RFC 3030 §2): the chunk's octets follow the command; a chunk that is not the last is answered at
         * once, the last ends the message as a final dot does. After a refused chunk, or with no valid recipient,
         * each chunk is answered with an error and discarded, and the last ends the transaction (§2). False
         * when the connection is to be closed.
         */
        private boolean bdat(String line) throws IOException {
            chunks.incrementAndGet();
            String[] words = line.strip().split(" +");
            long size = Long.parseLong(words[1]);
            boolean last = words.length > 2 && words[2].equalsIgnoreCase("LAST");
            String chunk = octets(size);
            if (chunk == null) {
                return false;
            }
            if (chunkRefused || to.isEmpty()) {
                String refusal = chunkRefused ? "551 5.0.0 Discarded after an earlier error"
                        : "554 5.5.1 Error: no valid recipients";
                chunkRefused = !last;
                if (last) {
                    reset();
                }
                reply(refusal);
                return true;
            }
            String refusal = chunkReplies.get(key(to.get(0)));
            if (refusal != null) {
                chunkRefused = !last;
                if (last) {
                    reset();
                }
                reply(refusal);
                return true;
            }
            content.append(chunk);
            if (!last) {
                reply("250 2.0.0 " + size + " octets received");
                return true;
            }
            if (in.ready()) {
                commandsBehindFinalDot.incrementAndGet();
            }
            onFinalDot.accept(received.size());
            String data = content.toString();
            content.setLength(0);
            return finishData(data);
        }

        /**
         * Reads {@code size} octets of UTF-8 through the reader (the content bulletin sends is valid UTF-8: each
         * character counts the bytes it took); null if the connection ended first.
         */
        private String octets(long size) throws IOException {
            StringBuilder chunk = new StringBuilder();
            for (long read = 0; read < size; ) {
                int c = in.read();
                if (c < 0) {
                    return null;
                }
                chunk.append((char) c);
                read += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isHighSurrogate((char) c) ? 4
                        : Character.isLowSurrogate((char) c) ? 0 : 3;
            }
            return chunk.toString();
        }

        private void pause(long millis) throws IOException {
            out.flush();
            sleep(millis);
        }

        private void sleep(long millis) throws IOException {
            if (millis > 0) {
                try {
                    Thread.sleep(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
            }
        }

        private boolean finishData(String data) throws IOException {
            pause(finalReplyDelayMillis);
            String k = key(to.get(0));
            if (stalls.containsKey(k) || received.size() >= stallAfterTotal) {
                stalled.countDown();
                while (in.read() >= 0) {
                    // Never answer: wait until the client gives up and closes.
                }
                return false;
            }
            AtomicInteger silent = silentDrops.get(k);
            if (silent != null && silent.getAndDecrement() > 0) {
                return false;
            }
            AtomicInteger deferral = dataDeferrals.get(k);
            if (deferral != null && deferral.getAndDecrement() > 0) {
                reset();
                reply(dataDeferralReplies.get(k));
                return true;
            }
            AtomicInteger drop = drops.get(k);
            if (drop != null && drop.getAndDecrement() > 0) {
                reply("421 4.3.0 faulty.test Service shutting down, closing transmission channel");
                return false;
            }
            String scripted = everyMessageReply != null ? everyMessageReply : dataReplies.get(k);
            if (scripted != null) {
                reset();
                reply(scripted);
                return true;
            }
            received.add(new Received(session, from, List.copyOf(to), data));
            messages++;
            reset();
            reply("250 2.0.0 Ok: queued as " + received.size());
            AtomicInteger dropAfter = dropsAfterAccepting.get(k);
            if (dropAfter != null && dropAfter.getAndDecrement() > 0) {
                out.flush();
                return false;
            }
            return true;
        }

        private void reset() {
            from = null;
            to.clear();
            content.setLength(0);
            chunkRefused = false;
        }

        private String address(String line) {
            int start = line.indexOf('<');
            int end = line.indexOf('>', start + 1);
            return start >= 0 && end > start ? line.substring(start + 1, end) : line.substring(line.indexOf(':') + 1).strip();
        }

        /** Replies to a group of pipelined commands leave together, once no command is waiting (RFC 2920 §3.2). */
        private void reply(String text) throws IOException {
            out.write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
            if (!in.ready()) {
                sleep(latencyMillis);
                out.flush();
            }
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket client : clients) {
            client.close();
        }
    }
}
