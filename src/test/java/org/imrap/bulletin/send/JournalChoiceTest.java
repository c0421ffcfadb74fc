package org.imrap.bulletin.send;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import java.util.Map;
import org.imrap.bulletin.cli.CliRun;
import org.junit.jupiter.api.Test;

/**
 * {@code bulletin journal} after {@code send --smtp-host 127.0.0.1} while bulletin.properties still says
 * {@code smtp.host=sandbox} (as the sample does): it shows the journal of the send that happened.
 */
class JournalChoiceTest extends GreenMailTest {

    private CliRun journal(Map<String, String> env, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--month";
        all[1] = "2022-08";
        System.arraycopy(args, 0, all, 2, args.length);
        return CliRun.inWorkspace(dir, env, "journal", all);
    }

    @Test
    void afterASendToARealServerWhileTheSettingsSaySandboxTheJournalShowsThatSend() {
        CliRun send = fixture.send("--yes");
        assertThat(send.exitCode()).as(send.all()).isZero();

        for (CliRun run : new CliRun[] {journal(Map.of()), journal(Map.of(), "--smtp-host", "127.0.0.1"),
            journal(Map.of("BULLETIN_SMTP_HOST", "127.0.0.1"))}) {
            assertThat(run.exitCode()).as(run.all()).isZero();
            assertThat(run.out()).contains("Campaign 2022-08: ", "journal/2022-08.csv", "sent 34, failed 0, deferred 0")
                    .doesNotContain("sandbox");
        }

        CliRun sandbox = journal(Map.of(), "--smtp-host", "sandbox");
        assertThat(sandbox.exitCode()).isEqualTo(66);
        assertThat(sandbox.err()).contains("no journal for the campaign 2022-08", "out/sandbox/journal/2022-08.csv");
    }

    @Test
    void whenTheSandboxAndARealServerBothHaveAJournalBothAreShownEachLabelled() {
        CliRun tried = CliRun.inWorkspace(dir, Map.of(), "send", "--month", "2022-08", "--limit", "3");
        assertThat(tried.exitCode()).as(tried.all()).isEqualTo(75);
        CliRun sent = fixture.send("--yes");
        assertThat(sent.exitCode()).as(sent.all()).isZero();

        CliRun both = journal(Map.of());

        assertThat(both.exitCode()).as(both.all()).isZero();
        String out = both.out();
        assertThat(out).contains("Campaign 2022-08 (real sends): ", "Campaign 2022-08 (sandbox): ");
        String real = out.substring(0, out.indexOf("Campaign 2022-08 (sandbox)"));
        String sandbox = out.substring(out.indexOf("Campaign 2022-08 (sandbox)"));
        assertThat(real).as("the real journal first").contains("journal/2022-08.csv", "sent 34, failed 0, deferred 0");
        assertThat(sandbox).contains("out/sandbox/journal/2022-08.csv", "sent 3, failed 0, deferred 0");

        CliRun onlySandbox = journal(Map.of(), "--smtp-host", "sandbox");
        assertThat(onlySandbox.exitCode()).as(onlySandbox.all()).isZero();
        assertThat(onlySandbox.out()).contains("Campaign 2022-08 (sandbox)", "sent 3,").doesNotContain("sent 34");

        CliRun onlyReal = journal(Map.of("BULLETIN_SMTP_HOST", "127.0.0.1"));
        assertThat(onlyReal.exitCode()).as(onlyReal.all()).isZero();
        assertThat(onlyReal.out()).contains("Campaign 2022-08: ", "sent 34,").doesNotContain("sandbox");
    }

    @Test
    void inFrenchTheRealJournalIsLabelledToo() {
        CliRun.inWorkspace(dir, Map.of(), "send", "--month", "2022-08", "--limit", "1");
        assertThat(fixture.send("--yes").exitCode()).isZero();

        CliRun both = journal(Map.of(), "--lang", "fr");

        assertThat(both.exitCode()).as(both.all()).isZero();
        assertThat(both.out()).contains("Campagne 2022-08 (envois réels) : ", "Campagne 2022-08 (bac à sable) : ");
    }
}
