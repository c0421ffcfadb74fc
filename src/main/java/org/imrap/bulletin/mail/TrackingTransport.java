package org.imrap.bulletin.mail;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import jakarta.mail.internet.InternetAddress;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.eclipse.angus.mail.util.CRLFOutputStream;

/**
 * Angus's SMTP transport, noting when the final dot of a message has gone out, sending the envelope
 * in one piece when the server offers PIPELINING, and, when asked, leaving the reply to a final dot
 * to be read with the next message's envelope.
 *
 * <p>A connection lost after the final dot leaves the outcome unknown — the server may have taken
 * the message (RFC 1047) — so such a message must not be sent again in the same run. Before it, a
 * retry is safe: a server commits a message only on the final dot (RFC 5321 §4.1.1.4).
 *
 * <p>That is also why the {@link SmtpConnection.Handover} of a message is awaited just before its
 * final dot: the envelope and the body of the next message travel while the journal writes the
 * outcome of the last one, and the server can take the message only once that outcome is on disk.
 *
 * <p>Pipelining (RFC 2920): Angus waits for the reply to MAIL FROM and to each RCPT TO before the
 * next command, two round trips per message it need not wait for. When the server offers it, those
 * commands are held back and written together with DATA, and their replies are read after it (§3.1:
 * DATA ends a group). A refusal among them is reported with the exception Angus throws for it
 * without pipelining, so {@link SmtpConnection} classifies it the same way (Angus's own RSET after a
 * refusal is left to SmtpConnection, which sends one anyway).
 *
 * <p>Across messages (§3.1: "the end of the message content" may begin a group): with
 * {@link #leaveFinalReply}, the final dot is held back and written in the same write as the next
 * message's MAIL FROM, RCPT TO and DATA, and its reply is read first among theirs — one round trip
 * per message instead of two. The reply is kept as a {@link FinalReply} until {@link #takeFinalReply}.
 * Any other command (RSET, NOOP, QUIT, or {@link #settle}) first sends the held dot and reads its reply.
 * This pays only where a round trip costs more than the journal's flush, which the next message then waits
 * for with nothing left to overlap it: with a server near (loopback, a LAN: some reply came within
 * {@link #NEAR} of its command) the final dot goes at once and its reply is read, as without pipelining
 * (measured: 40 % slower on loopback otherwise).
 *
 * <p>CHUNKING (RFC 3030): when the server offers it, a message goes with BDAT instead of DATA, so its content
 * need not wait for a 354. With PIPELINING and a distant server its content goes as {@code BDAT n} in the same
 * write as its envelope and the previous message's {@code BDAT 0 LAST} (§2: a last chunk may be empty, and
 * BDAT may be pipelined, as in the example of §4.2); its own {@code BDAT 0 LAST} — what makes the server take it — is held back as a
 * final dot is, until its handover. The replies to its envelope come with the previous message's last chunk's
 * (they are read before the handover, so a refused person is known before anything more is sent); the reply to
 * its content chunk is read just before its last chunk's: a connection then waits one round trip per message
 * and no longer also for its content to cross the link. Otherwise the content goes as one {@code BDAT n LAST}
 * after the handover. The content is sent as it would be in DATA, without the dot-stuffing (§2). A server
 * refusing a chunk discards the chunks after it, and its last chunk ends the transaction (§2).
 *
 * <p>Written against Angus Mail 2.0.3 ({@code angus-mail.version} in pom.xml). It relies on these of
 * {@link SMTPTransport}'s ways, each checked by {@code AngusAssumptionsTest}, which fails on an upgrade that
 * changes one: {@code sendMessage} calls {@code mailFrom}, {@code rcptTo}, {@code data}, then writes the message
 * to the stream {@code data} returned and calls {@code finishData}, while {@code mail.smtp.chunksize} is unset;
 * {@code mailFrom} and {@code rcptTo} send their commands through {@link #sendCommand} and read each reply
 * through {@link #readServerResponse}; {@code sendCommand(String)} writes each character as one byte (without
 * {@code mail.mime.allowutf8}), adds CRLF and flushes; {@code readServerResponse} returns -1 at the end of the
 * stream; {@code checkConnected} throws {@code IllegalStateException} once Angus has closed the connection
 * (after a message it could not write). The class is longer than most (about 550 lines) because every override of Angus stays in this one
 * class, where a reader can check it against that version.
 */
final class TrackingTransport extends SMTPTransport {
    /** A server that answers within this is near: a round trip costs less than a journal flush (about 1 ms). */
    static final java.time.Duration NEAR = java.time.Duration.ofMillis(3);
    /** The shortest time seen from a command written to its reply, and when the last command was written. */
    private volatile long nearestNanos = Long.MAX_VALUE;
    private long writtenAt;
    private volatile boolean finalDotSent;
    private SmtpConnection.Handover handover = () -> { };
    private Address[] recipients = new Address[0];
    private boolean pipelining;
    /** Replies Angus will read for commands held back, answered 250 at once; the real ones come after DATA. */
    private int heldReplies;
    /** MAIL FROM and RCPT TO commands held back until DATA, and the addresses of the RCPTs among them. */
    private final List<String> heldBack = new ArrayList<>();
    private final List<Address> heldBackRecipients = new ArrayList<>();
    /** The group written with DATA whose replies are still to be read (DATA last; a final dot first, if one went with it). */
    private List<String> unanswered = List.of();
    private List<Address> unansweredRecipients = List.of();
    /** Whether the final dot of the message being sent may wait for the next message's group. */
    private boolean leaveFinalReply;
    /**
     * The end of the last message ({@code .} or {@code BDAT 0 LAST}), not written yet: it goes with the next
     * group, or before any other command; null when none is held.
     */
    private String heldEnd;
    /** With BDAT: the commands of the message whose end is held whose replies are still to be read (envelope, chunk). */
    private List<String> owed = List.of();
    /** This message goes with BDAT (the server offers CHUNKING); its content is gathered here. */
    private boolean chunking;
    private ByteArrayOutputStream content;
    /** The reply to the last message's final dot, read but not yet taken; null when none. */
    private FinalReply finalReply;

    /**
     * The reply to a final dot read after the message was handed over: its code and text, or the failure
     * that kept it from being read (the connection broke: the server may have the message).
     */
    record FinalReply(int code, String text, MessagingException failure, boolean endWritten) {
        FinalReply(int code, String text) {
            this(code, text, null, true);
        }

        /** The end went out, or may have: the server may have the message. */
        static FinalReply lost(MessagingException failure) {
            return new FinalReply(-1, "", failure, true);
        }

        /** The connection closed with the end still held back: the server cannot have the message. */
        static FinalReply neverWritten(MessagingException failure) {
            return new FinalReply(-1, "", failure, false);
        }
    }

    TrackingTransport(Session session, URLName url, String protocol, boolean ssl) {
        super(session, url, protocol, ssl);
    }

    @Override
    public synchronized void sendMessage(Message message, Address[] addresses) throws MessagingException {
        recipients = addresses == null ? new Address[0] : addresses;
        if (message instanceof SMTPMessage smtp && smtp.getMailExtension() != null
                && smtp.getMailExtension().contains("BODY=8BITMIME") && !supportsExtension("8BITMIME")) {
            // Never 8-bit content to a server that did not say it takes it (RFC 6152 §3).
            throw new MessagingException("this server does not offer 8BITMIME, and the message is 8-bit");
        }
        try {
            super.sendMessage(message, addresses);
        } catch (MessagingException | RuntimeException e) {
            if (heldEnd != null && !stillConnected()) {
                // The last message's end was to go with this one's content (CHUNKING), which failed before anything
                // was written, and Angus closed the connection: that message is not taken, and can go again.
                heldEnd = null;
                owed = List.of();
                finalReply = FinalReply.neverWritten(e instanceof MessagingException m ? m : new MessagingException(e.toString(), e));
            }
            throw e;
        } finally {
            heldBack.clear();
            heldBackRecipients.clear();
            heldReplies = 0;
            unanswered = List.of();
            unansweredRecipients = List.of();
        }
    }

    /** Whether Angus still holds the connection open; unlike {@code isConnected()}, without sending a NOOP. */
    private boolean stillConnected() {
        try {
            checkConnected();
            return true;
        } catch (IllegalStateException closed) {
            return false;
        }
    }

    /** Whether the next message's final dot may wait, unanswered, for the message after it (only with PIPELINING). */
    void leaveFinalReply(boolean leave) {
        this.leaveFinalReply = leave;
    }

    /** Whether the server is far enough for a final dot to wait for the next message (see the class comment). */
    boolean far() {
        return nearestNanos >= NEAR.toNanos();
    }

    /** The shortest wait seen from a command to its reply; zero before any. */
    java.time.Duration nearest() {
        long nanos = nearestNanos;
        return nanos == Long.MAX_VALUE ? java.time.Duration.ZERO : java.time.Duration.ofNanos(nanos);
    }

    /** Writes commands (Angus flushes them), noting when. */
    private void write(String commands) throws MessagingException {
        super.sendCommand(commands);
        writtenAt = System.nanoTime();
    }

    /** Reads one reply; the first after a write tells how near the server is. */
    private int read() throws MessagingException {
        int code = super.readServerResponse();
        if (writtenAt != 0) {
            nearestNanos = Math.min(nearestNanos, System.nanoTime() - writtenAt);
            writtenAt = 0;
        }
        return code;
    }

    @Override
    protected void mailFrom() throws MessagingException {
        pipelining = supportsExtension("PIPELINING");
        chunking = supportsExtension("CHUNKING");
        finalDotSent = false;
        super.mailFrom();
    }

    /** With CHUNKING no DATA is sent: the message is gathered, with CRLF line ends, for {@link #finishData}. */
    @Override
    protected OutputStream data() throws MessagingException {
        if (!chunking) {
            return super.data();
        }
        content = new ByteArrayOutputStream(32 * 1024);
        return new CRLFOutputStream(content);
    }

    @Override
    protected void sendCommand(String command) throws MessagingException {
        if (pipelining && (command.startsWith("MAIL FROM:") || command.startsWith("RCPT TO:"))) {
            if (command.startsWith("RCPT TO:")) {
                int index = heldBackRecipients.size();
                heldBackRecipients.add(index < recipients.length ? recipients[index] : null);
            }
            heldBack.add(command);
            heldReplies++;
            return;
        }
        if (!heldBack.isEmpty() && !command.equals("DATA")) {
            // Only DATA may follow MAIL FROM and RCPT TO here (no BDAT: mail.smtp.chunksize is never set).
            throw new IllegalStateException("pipelined envelope followed by " + command);
        }
        if (!heldBack.isEmpty()) {
            heldBack.add(command);
            if (heldEnd != null) {
                heldBack.add(0, heldEnd);
            }
            unanswered = List.copyOf(heldBack);
            unansweredRecipients = new ArrayList<>(heldBackRecipients);
            heldBack.clear();
            heldBackRecipients.clear();
            boolean withDot = heldEnd != null;
            heldEnd = null;
            try {
                write(String.join("\r\n", unanswered));  // one write; Angus adds the last CRLF
            } catch (MessagingException e) {
                if (withDot) {
                    finalReply = FinalReply.lost(e);
                }
                unanswered = List.of();
                throw e;
            }
            return;
        }
        if (command.equals(".") && leaveFinalReply && pipelining && far()) {
            // The body's last bytes stay in Angus's buffer with it: they leave together with the next group.
            heldEnd = ".";
            heldReplies++;
            return;
        }
        settle();
        write(command);
    }

    /** Whether the last message's final dot is held back, its reply still to come. */
    synchronized boolean finalReplyOwed() {
        return heldEnd != null;
    }

    /** Sends the held final dot, if any, and reads its reply (kept for {@link #takeFinalReply}). */
    synchronized void settle() {
        if (heldEnd == null) {
            return;
        }
        String end = heldEnd;
        heldEnd = null;
        try {
            write(end);
            if (end.equals(".")) {
                readFinalReply();
            } else {
                readOwed();
            }
        } catch (MessagingException e) {
            // Kept in the reply: the message is uncertain, and the next command finds the connection gone.
            if (finalReply == null) {
                finalReply = FinalReply.lost(e);
            }
        }
    }

    /** Reads the reply to a final dot that went out earlier into {@link #finalReply}; throws if the connection broke. */
    private int readFinalReply() throws MessagingException {
        try {
            int code = read();
            if (code < 0) {
                // End of stream: no reply, the server may have taken the message.
                MessagingException closed = new MessagingException("connection closed: " + getLastServerResponse());
                finalReply = FinalReply.lost(closed);
                throw closed;
            }
            finalReply = new FinalReply(code, getLastServerResponse());
            return code;
        } catch (MessagingException e) {
            if (finalReply == null) {
                finalReply = FinalReply.lost(e);
            }
            throw e;
        }
    }

    /** The reply to the last held final dot, once read; null until then, and after it has been taken once. */
    synchronized FinalReply takeFinalReply() {
        FinalReply reply = finalReply;
        finalReply = null;
        return reply;
    }

    @Override
    protected int readServerResponse() throws MessagingException {
        if (heldReplies > 0) {
            // A command held back: Angus goes on as if it were accepted; its real reply is read after DATA.
            heldReplies--;
            return 250;
        }
        if (unanswered.isEmpty()) {
            return read();
        }
        List<String> group = unanswered;
        List<Address> groupRecipients = unansweredRecipients;
        unanswered = List.of();
        unansweredRecipients = List.of();
        if (group.get(0).equals(".")) {
            int code = readFinalReply();
            if (code == 421) {
                // The server closes the channel (RFC 5321 §3.8): the rest of the group is not answered, and
                // this message was not taken. The caller reads the 421 as the last return code.
                throw new MessagingException("the server closed the connection: " + getLastServerResponse());
            }
            group = group.subList(1, group.size());
        }
        return readGroupReplies(group, groupRecipients);
    }

    /**
     * Reads the replies to MAIL FROM, each RCPT TO and DATA, in order (RFC 2920 §3.2), and returns
     * the reply to DATA if everything before it was accepted. Otherwise throws what Angus throws for
     * the first refusal: a {@link SMTPSendFailedException} for MAIL FROM (which
     * {@link SmtpConnection} reads as the sender refused), a {@link SendFailedException} holding an
     * {@link SMTPAddressFailedException} for RCPT TO — also when the server closes the connection
     * after refusing, before the replies to the rest of the group.
     */
    private int readGroupReplies(List<String> group, List<Address> groupRecipients) throws MessagingException {
        MessagingException refusal = null;
        int recipient = 0;
        try {
            for (String command : group.subList(0, group.size() - 1)) {
                int code = read();
                if (command.startsWith("MAIL FROM:")) {
                    if (refusal == null && code != 250) {
                        refusal = new SMTPSendFailedException(command, code, getLastServerResponse(), null, null,
                                recipients, null);
                    }
                } else {
                    Address address = groupRecipients.get(recipient++);
                    if (refusal == null && code / 100 != 2) {
                        refusal = new SendFailedException("Invalid Addresses", new SMTPAddressFailedException(
                                (InternetAddress) address, command, code, getLastServerResponse()), null, recipients, null);
                    }
                }
            }
            if (group.get(group.size() - 1) == null) {
                // BDAT: no DATA ended the group.
                if (refusal == null) {
                    return 250;
                }
            } else {
                int dataReply = read();
                if (refusal == null) {
                    return dataReply;
                }
                if (dataReply == 354) {
                    // A server that takes DATA with no valid recipient (RFC 2920 §3.1 says it must not): end the empty message at once.
                    write(".");
                    read();
                }
            }
        } catch (MessagingException e) {
            if (refusal == null) {
                throw e;
            }
            refusal.addSuppressed(e);  // the connection broke after the refusal: the refusal is what counts
        }
        throw refusal;
    }

    @Override
    protected void finishData() throws IOException, MessagingException {
        if (chunking) {
            finishChunks();
            return;
        }
        awaitHandover();
        finalDotSent = true;
        super.finishData();
    }

    private void awaitHandover() throws HandoverStopped {
        try {
            handover.await();
        } catch (RuntimeException e) {
            // An IOException makes Angus drop the connection before the end of the message: the server takes nothing.
            throw new HandoverStopped(e);
        }
    }

    /**
     * Sends the message gathered by {@link #data} with BDAT (see the class comment): the envelope held back
     * (with PIPELINING), after the end of the previous message if it is held, and — when this message's end may
     * wait too — its content as a chunk that is not the last.
     */
    private void finishChunks() throws IOException, MessagingException {
        byte[] bytes = content.toByteArray();
        content = null;
        int size = bytes.length;
        boolean endsLine = size >= 2 && bytes[size - 2] == '\r' && bytes[size - 1] == '\n';
        // As DATA ends the message at the start of a line (SMTPOutputStream.ensureAtBOL), so does BDAT here.
        byte[] message = endsLine ? bytes : java.util.Arrays.copyOf(bytes, size + 2);
        if (!endsLine) {
            message[size] = '\r';
            message[size + 1] = '\n';
        }
        boolean split = pipelining && leaveFinalReply && far();
        List<String> envelope = List.copyOf(heldBack);
        List<Address> envelopeRecipients = List.copyOf(heldBackRecipients);
        heldBack.clear();
        heldBackRecipients.clear();
        List<String> group = new ArrayList<>();
        String end = heldEnd;
        heldEnd = null;
        if (end != null) {
            group.add(end);
        }
        group.addAll(envelope);
        String chunk = "BDAT " + message.length;
        if (split) {
            group.add(chunk);
        }
        if (!group.isEmpty()) {
            try {
                writeGroup(group, split ? message : null);
            } catch (MessagingException e) {
                if (end != null) {
                    // The server may have answered before it closed (a 421 to the envelope: nothing taken), and
                    // those replies may be waiting: what it said counts; without them, the message is uncertain.
                    try {
                        readOwed();
                    } catch (MessagingException unread) {
                        e.addSuppressed(unread);
                    }
                }
                throw e;
            }
        }
        if (end != null) {
            readOwed();
        }
        if (!envelope.isEmpty()) {
            // The envelope's replies come with the last chunk's (the server answers them at once), before the
            // reply to this message's chunk, which waits for its content to arrive.
            List<String> replies = new ArrayList<>(envelope);
            replies.add(null);
            try {
                readGroupReplies(replies, envelopeRecipients);
            } catch (SendFailedException refused) {
                if (split) {
                    try {
                        read();  // the chunk's: refused in turn, the transaction has no valid recipient (RFC 3030 §2)
                    } catch (MessagingException e) {
                        refused.addSuppressed(e);
                    }
                }
                throw refused;
            }
        }
        awaitHandover();
        if (split) {
            owed = List.of(chunk, "BDAT 0 LAST");
            heldEnd = "BDAT 0 LAST";
            return;
        }
        String last = chunk + " LAST";
        finalDotSent = true;
        writeGroup(List.of(last), message);
        int code = read();
        if (code != 250) {
            // As Angus reports a final dot's reply other than 250; SmtpConnection reads the command as the end of data.
            throw new SMTPSendFailedException(last, code, getLastServerResponse(), null, null, null, recipients);
        }
    }

    /**
     * Writes commands and, after the last, a chunk of {@code chunk.length} bytes (null: none) in one write.
     * Angus's {@code sendCommand} writes each character as one byte and adds the CRLF that ends the chunk.
     */
    private void writeGroup(List<String> commands, byte[] chunk) throws MessagingException {
        StringBuilder out = new StringBuilder(String.join("\r\n", commands));
        if (chunk != null) {
            out.append("\r\n").append(new String(chunk, 0, chunk.length - 2, StandardCharsets.ISO_8859_1));
        }
        write(out.toString());
    }

    /**
     * Reads the replies owed to the message whose {@code BDAT 0 LAST} went out: its content chunk's, then the last
     * chunk's, into {@link #finalReply}; a refused chunk is its outcome, unless the server took the message after
     * all. Throws if the connection broke or the server closed it (421), once the outcome is kept: after the last
     * chunk went out, a lost connection leaves the message uncertain.
     */
    private void readOwed() throws MessagingException {
        List<String> commands = owed;
        owed = List.of();
        // Only the last chunk went in the latest write; the other replies may have been waiting: not a measure of the distance.
        long lastWritten = writtenAt;
        writtenAt = 0;
        FinalReply refusal = null;
        for (String command : commands) {
            if (command.equals("BDAT 0 LAST")) {
                writtenAt = lastWritten;
            }
            int code;
            try {
                code = read();
            } catch (MessagingException e) {
                finalReply = refusal != null ? refusal : FinalReply.lost(e);
                throw e;
            }
            if (code < 0) {
                MessagingException closed = new MessagingException("connection closed: " + getLastServerResponse());
                finalReply = refusal != null ? refusal : FinalReply.lost(closed);
                throw closed;
            }
            String text = getLastServerResponse();
            if (code == 421) {
                // The server closes the channel (RFC 5321 §3.8): nothing after this is answered, nor taken.
                finalReply = refusal != null ? refusal : new FinalReply(421, text);
                throw new MessagingException("the server closed the connection: " + text);
            }
            if (command.equals("BDAT 0 LAST")) {
                finalReply = code / 100 == 2 || refusal == null ? new FinalReply(code, text) : refusal;
            } else if (refusal == null && code / 100 != 2) {
                refusal = new FinalReply(code, text);  // the chunk refused: the last one is refused in turn
            }
        }
    }

    /** What the next message waits for before its final dot. */
    void handover(SmtpConnection.Handover handover) {
        this.handover = handover;
    }

    /** The reason a message was held back before its final dot. */
    static final class HandoverStopped extends IOException {
        private final RuntimeException reason;

        HandoverStopped(RuntimeException reason) {
            super(reason.getMessage(), reason);
            this.reason = reason;
        }

        RuntimeException reason() {
            return reason;
        }
    }

    /** Whether {@code command} is the last chunk of a message (RFC 3030 §2), which ends it as a final dot does. */
    static boolean isLastChunk(String command) {
        return command != null && command.startsWith("BDAT ") && command.endsWith(" LAST");
    }

    /** True from the moment the end of the last message was sent until the next MAIL FROM. */
    boolean finalDotSent() {
        return finalDotSent;
    }
}
