package org.imrap.bulletin.mail;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The SMTP conversation for {@code --debug-smtp}, line by line, with every secret masked in every form it
 * could take on the wire: as typed, Base64 alone, in AUTH PLAIN's {@code \0user\0password}, and in XOAUTH2's
 * {@code user=…\u0001auth=Bearer <token>\u0001\u0001}. Angus already hides the AUTH exchange unless
 * {@code mail.debug.auth} is set; this is the second lock. A renewed OAuth2 token is added before it is used.
 */
final class SecretFilter extends OutputStream {
    private final PrintStream target;
    private final List<String> secrets = new CopyOnWriteArrayList<>();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    SecretFilter(PrintStream target, String username, char[] password) {
        this.target = target;
        add(username, password);
    }

    /** Masks this secret too, from the next line on. */
    void add(String username, char[] password) {
        if (password == null || password.length == 0) {
            return;
        }
        String secret = new String(password);
        Base64.Encoder base64 = Base64.getEncoder();
        String user = username == null ? "" : username;
        // Longest first: a form that contains another must be masked whole.
        secrets.add(0, secret);
        secrets.add(0, base64.encodeToString(secret.getBytes(StandardCharsets.UTF_8)));
        secrets.add(0, base64.encodeToString(("\0" + user + "\0" + secret).getBytes(StandardCharsets.UTF_8)));
        secrets.add(0, base64.encodeToString((user + "\0" + user + "\0" + secret).getBytes(StandardCharsets.UTF_8)));
        secrets.add(0, base64.encodeToString(("user=" + user + "\u0001auth=Bearer " + secret + "\u0001\u0001")
                .getBytes(StandardCharsets.UTF_8)));
    }

    static PrintStream wrap(PrintStream target, String username, char[] password) {
        return new PrintStream(new SecretFilter(target, username, password), true, StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            flushLine();
        } else {
            line.write(b);
        }
    }

    @Override
    public synchronized void flush() {
        target.flush();
    }

    private void flushLine() {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        for (String secret : secrets) {
            text = text.replace(secret, "********");
        }
        target.println("smtp: " + text);
    }

    @Override
    public synchronized void close() {
        if (line.size() > 0) {
            flushLine();
        }
        target.flush();
    }
}
