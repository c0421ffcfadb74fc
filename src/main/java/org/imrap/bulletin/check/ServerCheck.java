package org.imrap.bulletin.check;

import static org.imrap.bulletin.Text.t;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.ExitCode;
import org.imrap.bulletin.mail.Login;

/**
 * What the checks of the two servers (SMTP, the mailbox) do alike: find the server (DNS), connect (TCP),
 * talk to it over that bare connection to see each step, then log in through the code the command itself
 * uses. Each step is reported as it ends; the result is the exit code the command would give.
 *
 * @param <T> what the talk before the login learnt, for the login (the SMTP extensions offered)
 */
abstract class ServerCheck<T> {
    final Supplier<Optional<Login>> credentials;
    final Network network;
    final Progress progress;

    /**
     * @param credentials what the command logs in with, found as it finds it (throws a {@link BulletinException}
     *                    when there is none)
     */
    ServerCheck(Supplier<Optional<Login>> credentials, Network network, Progress progress) {
        this.credentials = credentials;
        this.network = network;
        this.progress = progress;
    }

    /**
     * DNS, TCP, {@link #converse}, then {@link #logIn}.
     *
     * @param setting  the settings' prefix ({@code smtp}, {@code inbox}): a failure names {@code PREFIX.host} or {@code PREFIX.port}
     * @param lostHint what to try when the connection is lost while talking
     */
    final ExitCode reachAndLogIn(String host, int port, Duration connectTimeout, String setting, String lostHint) {
        Optional<InetSocketAddress> address = network.resolve(host, port, setting + ".host");
        if (address.isEmpty()) {
            return ExitCode.UNAVAILABLE;
        }
        Optional<Socket> socket = network.connect(address.get(), connectTimeout, setting + ".port");
        if (socket.isEmpty()) {
            return ExitCode.UNAVAILABLE;
        }
        T learnt;
        try (Dialog dialog = new Dialog(socket.get())) {
            Optional<T> talked = converse(dialog, address.get());
            if (talked.isEmpty()) {
                return ExitCode.UNAVAILABLE;
            }
            learnt = talked.get();
        } catch (IOException e) {
            progress.failed(t("check.step.server"), t("check.lost", String.valueOf(e.getMessage())), lostHint);
            return ExitCode.UNAVAILABLE;
        }
        return logIn(learnt);
    }

    /** The steps over the bare connection (closed after them): what the login needs, or empty when one failed (reported). */
    abstract Optional<T> converse(Dialog dialog, InetSocketAddress address) throws IOException;

    /** The login and what follows it, through the command's own code. */
    abstract ExitCode logIn(T learnt);

    /**
     * {@code step} with the login the command would use, a password wiped after it; when none can be had, that
     * is reported under {@code what} and its exit code returned.
     */
    final ExitCode withLogin(String what, Function<Optional<Login>, ExitCode> step) {
        Optional<Login> login;
        try {
            login = credentials.get();
        } catch (BulletinException e) {
            progress.failed(what, e.getMessage(), e.hint().orElse(null));
            return e.exitCode();
        }
        try {
            return step.apply(login);
        } finally {
            login.filter(l -> l.mechanism() == Login.Mechanism.PASSWORD).ifPresent(l -> Arrays.fill(l.secret(), '\0'));
        }
    }
}
