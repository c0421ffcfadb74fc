package org.imrap.bulletin.send;

import java.nio.file.Path;
import org.imrap.bulletin.journal.RunLock;

/** A second run for the lock tests: takes a workspace's lock (send, or the one named), says so, and holds it. */
public final class LockHolder {
    private LockHolder() {
    }

    public static void main(String[] args) throws InterruptedException {
        try (RunLock lock = RunLock.acquire(args.length > 1 ? RunLock.Kind.valueOf(args[1]) : RunLock.Kind.SEND,
                Path.of(args[0]), warning -> { })) {
            System.out.println("locked");
            System.out.flush();
            Thread.sleep(60_000);
        }
    }
}
