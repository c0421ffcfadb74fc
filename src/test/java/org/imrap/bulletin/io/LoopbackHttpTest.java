package org.imrap.bulletin.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A request's query as both loopback pages read it: the sign-in's redirect and the live preview. */
class LoopbackHttpTest {
    @Test
    void aQueryIsDecodedAsUtf8AndTheFirstOfARepeatedNameWins() {
        assertThat(LoopbackHttp.query("to=awa.traor%C3%A9%40example.org&code=a+b&to=other&flag"))
                .isEqualTo(Map.of("to", "awa.traoré@example.org", "code", "a b", "flag", ""));
        assertThat(LoopbackHttp.query(null)).isEmpty();
    }

    @Test
    void aBrokenEscapeIsRefused() {
        assertThatThrownBy(() -> LoopbackHttp.query("to=%E")).isInstanceOf(IllegalArgumentException.class);
    }
}
