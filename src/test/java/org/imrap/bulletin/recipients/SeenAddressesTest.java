package org.imrap.bulletin.recipients;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeenAddressesTest {

    @Test
    void twoHundredThousandAddressesAreEachMetOnceAndFoundAgainWithWhereTheyWereFirstMet() {
        SeenAddresses seen = new SeenAddresses();
        for (int i = 0; i < 200_000; i++) {
            assertThat(seen.meet("lecteur" + i + "@example.org", 0, i + 2)).isNull();
        }
        assertThat(seen.size()).isEqualTo(200_000);
        for (int i = 0; i < 200_000; i += 997) {
            assertThat(seen.meet("lecteur" + i + "@example.org", 0, 999_999)).isEqualTo(new SeenAddresses.Where(0, i + 2));
        }
        assertThat(seen.size()).isEqualTo(200_000);
    }

    @Test
    void aLaterListReplacesWhereAndRepeatsWithinItNameItsOwnLine() {
        SeenAddresses seen = new SeenAddresses();
        seen.meet("awa@example.org", 0, 5);

        assertThat(seen.meet("awa@example.org", 1, 3)).isEqualTo(new SeenAddresses.Where(0, 5));
        assertThat(seen.meet("awa@example.org", 1, 8)).isEqualTo(new SeenAddresses.Where(1, 3));
        assertThat(seen.meet("awa@example.org", 1, 9)).isEqualTo(new SeenAddresses.Where(1, 3));
        assertThat(seen.size()).isEqualTo(1);
    }
}
