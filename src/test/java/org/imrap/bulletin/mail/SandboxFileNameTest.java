package org.imrap.bulletin.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The sandbox names each message's file after its recipient: two addresses never share a file. */
class SandboxFileNameTest {

    @Test
    void plainAddressesAreKeptInLowerCase() {
        assertThat(Sandbox.fileName("Awa.Traore+bulletin@Example.org")).isEqualTo("awa.traore+bulletin@example.org");
        assertThat(Sandbox.fileName("a_b@example.org")).isEqualTo("a_b@example.org");
    }

    @Test
    void otherCharactersAreWrittenAsTheirBytesSoNoTwoAddressesCollide() {
        assertThat(Sandbox.fileName("a'b@example.org")).isEqualTo("a%27b@example.org");
        assertThat(Sandbox.fileName("a%27b@example.org")).isEqualTo("a%2527b@example.org");
        assertThat(Sandbox.fileName("élodie@example.org")).isEqualTo("%C3%A9lodie@example.org");
        assertThat(Sandbox.fileName("../x@example.org")).isEqualTo("..%2Fx@example.org");
    }
}
