package org.imrap.bulletin.check;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** The DNS answers {@code bulletin check} needs; tests answer them themselves, without a network. */
public interface Dns {

    /** No answer came (no network, or the resolver did not reply in time). */
    final class NoAnswerException extends Exception {
        public NoAnswerException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The addresses of {@code host}, first the one a connection is made to, as {@code send} resolves it. */
    List<InetAddress> addresses(String host) throws UnknownHostException;

    /** The TXT records at {@code name}, each as one string; empty when it has none or does not exist. */
    List<String> txt(String name) throws NoAnswerException;
}
