package org.imrap.bulletin.recipients;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The addresses met so far in one pass over the lists, with the list and line where each was first
 * met: what de-duplication keeps per person, so its size is what makes a send's memory grow with the
 * list. An address is kept as the first 128 bits of its SHA-256 digest with its list and line, in
 * plain arrays of 25 bytes a slot, kept between 7/16 and 7/8 full (linear probing stays short enough
 * for a lookup per row): 29 to 57 bytes a person instead of about 140 as a map of strings. Two
 * addresses sharing 128 bits of digest is a 1-in-10^28 chance at 100,000 people.
 */
final class SeenAddresses {
    /** Where an address was first met. */
    record Where(int list, int line) {
    }

    private final MessageDigest sha256;
    private long[] digests = new long[2 * 1024];
    private long[] places = new long[1024];
    private boolean[] used = new boolean[1024];
    private int size;

    SeenAddresses() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /**
     * Notes that {@code key} (a normalised address) is met at {@code list}, {@code line}, and says where
     * it was met before (null if never). A repeat within the same list keeps the first line; a meeting
     * in a later list replaces the earlier one, so that repeats within that list name its own line.
     */
    Where meet(String key, int list, int line) {
        long[] digest = digest(key);
        int slot = slotOf(digests, used, digest[0], digest[1]);
        Where before = used[slot] ? new Where((int) (places[slot] >>> 32), (int) places[slot]) : null;
        if (before != null && before.list() == list) {
            return before;
        }
        places[slot] = ((long) list << 32) | (line & 0xFFFFFFFFL);
        if (before == null) {
            used[slot] = true;
            digests[2 * slot] = digest[0];
            digests[2 * slot + 1] = digest[1];
            if (++size * 8 > used.length * 7) {
                grow();
            }
        }
        return before;
    }

    int size() {
        return size;
    }

    private long[] digest(String key) {
        ByteBuffer bytes = ByteBuffer.wrap(sha256.digest(key.getBytes(StandardCharsets.UTF_8)));
        return new long[] {bytes.getLong(), bytes.getLong()};
    }

    /** The slot holding this digest, or the empty slot where it would go (open addressing, linear probing). */
    private static int slotOf(long[] digests, boolean[] used, long high, long low) {
        int mask = used.length - 1;
        int slot = (int) (high ^ (high >>> 32)) & mask;
        while (used[slot] && (digests[2 * slot] != high || digests[2 * slot + 1] != low)) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void grow() {
        long[] oldDigests = digests;
        long[] oldPlaces = places;
        boolean[] oldUsed = used;
        digests = new long[oldDigests.length * 2];
        places = new long[oldPlaces.length * 2];
        used = new boolean[oldUsed.length * 2];
        for (int i = 0; i < oldUsed.length; i++) {
            if (oldUsed[i]) {
                int slot = slotOf(digests, used, oldDigests[2 * i], oldDigests[2 * i + 1]);
                used[slot] = true;
                digests[2 * slot] = oldDigests[2 * i];
                digests[2 * slot + 1] = oldDigests[2 * i + 1];
                places[slot] = oldPlaces[i];
            }
        }
    }
}
