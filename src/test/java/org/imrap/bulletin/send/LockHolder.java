package org.imrap.bulletin.send;

import java.nio.file.Path;
import org.imrap.bulletin.journal.SendLock;

/** A second "send" for the lock tests: takes the workspace's send lock, says so, and holds it. */
public final class LockHolder {
    private LockHolder() {
    }

    public static void main(String[] args) throws InterruptedException {
        try (SendLock lock = SendLock.acquire(Path.of(args[0]), warning -> { })) {
            System.out.println("locked");
            System.out.flush();
            Thread.sleep(60_000);
        }
    }
}
