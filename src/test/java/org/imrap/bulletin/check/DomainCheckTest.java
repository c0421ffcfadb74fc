package org.imrap.bulletin.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.imrap.bulletin.ExitCode;
import org.imrap.bulletin.config.Workspace;
import org.imrap.bulletin.mail.Tls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sender's domain in DNS, with answers the test gives (no network): SPF, DKIM under the usual
 * selectors or a chosen one, DMARC — a missing record is a warning, never a failure of the check.
 */
class DomainCheckTest {
    @TempDir
    Path dir;

    @Test
    void aDomainWithoutSpfDkimOrDmarcGetsThreeWarningsAndSendStillWorks() {
        FakeDns dns = new FakeDns();
        Workspace workspace = CheckRun.workspace(dir);  // the sample: the sandbox, sender bulletin@imrap-mali.org

        CheckRun run = CheckRun.check(workspace, dns, Tls.system(), Map.of());

        assertThat(run.result.send()).isEqualTo(ExitCode.OK);
        assertThat(run.result.warnings()).isEqualTo(3);
        assertThat(run.sections).contains("The sender's domain: imrap-mali.org");
        assertThat(run.step("SPF").detail()).isEqualTo("no SPF record at imrap-mali.org");
        assertThat(run.step("SPF").hint().orElse("")).contains("Gmail and Yahoo");
        assertThat(run.step("DKIM").detail()).isEqualTo(
                "no DKIM key at imrap-mali.org under the usual selectors (default, selector1, selector2, google, k1)");
        assertThat(run.step("DKIM").hint().orElse("")).contains("--dkim-selector");
        assertThat(run.step("DMARC").detail()).isEqualTo("no DMARC record at _dmarc.imrap-mali.org");
        assertThat(dns.asked()).containsExactly("imrap-mali.org", "default._domainkey.imrap-mali.org",
                "selector1._domainkey.imrap-mali.org", "selector2._domainkey.imrap-mali.org",
                "google._domainkey.imrap-mali.org", "k1._domainkey.imrap-mali.org", "_dmarc.imrap-mali.org");
    }

    @Test
    void recordsArePickedOutAmongOtherTxtRecordsAndARevokedKeyDoesNotCount() {
        FakeDns dns = new FakeDns()
                .txt("imrap-mali.org", "google-site-verification=abc")
                .txt("imrap-mali.org", "v=spf1 include:spf.protection.outlook.com -all")
                .txt("selector1._domainkey.imrap-mali.org", "v=DKIM1; k=rsa; p=")
                .txt("selector2._domainkey.imrap-mali.org", "v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQ")
                .txt("_dmarc.imrap-mali.org", "v=DMARC1; p=quarantine");

        CheckRun run = CheckRun.check(CheckRun.workspace(dir), dns, Tls.system(), Map.of());

        assertThat(run.result.warnings()).as(run.toString()).isZero();
        assertThat(run.step("SPF").detail()).isEqualTo("v=spf1 include:spf.protection.outlook.com -all");
        assertThat(run.step("DKIM").detail()).isEqualTo("a key at selector2._domainkey.imrap-mali.org");
        assertThat(run.step("DMARC").detail()).isEqualTo("v=DMARC1; p=quarantine");
    }

    @Test
    void twoSpfRecordsAreAWarningAsReceiversReadThemAsNone() {
        FakeDns dns = new FakeDns().complete("imrap-mali.org").txt("imrap-mali.org", "v=spf1 a mx -all");

        CheckRun run = CheckRun.check(CheckRun.workspace(dir), dns, Tls.system(), Map.of());

        assertThat(run.step("SPF").outcome()).isEqualTo(Outcome.WARNING);
        assertThat(run.step("SPF").detail()).contains("2 SPF records", "RFC 7208");
    }

    @Test
    void aChosenSelectorIsTheOnlyOneAskedFor() {
        FakeDns dns = new FakeDns().complete("imrap-mali.org");

        CheckRun run = CheckRun.check(CheckRun.workspace(dir), dns, Tls.system(), Map.of(), Optional.of("mail2024"));

        assertThat(run.step("DKIM").outcome()).isEqualTo(Outcome.WARNING);
        assertThat(run.step("DKIM").detail()).isEqualTo("no DKIM key at mail2024._domainkey.imrap-mali.org");
        assertThat(dns.asked()).contains("mail2024._domainkey.imrap-mali.org")
                .doesNotContain("google._domainkey.imrap-mali.org");
    }

    @Test
    void aDnsThatDoesNotAnswerIsOneWarningAndNoMoreQuestions() {
        FakeDns dns = new FakeDns().silent();

        CheckRun run = CheckRun.check(CheckRun.workspace(dir), dns, Tls.system(), Map.of());

        assertThat(run.result.send()).isEqualTo(ExitCode.OK);
        assertThat(run.result.warnings()).isEqualTo(1);
        assertThat(run.steps.get(run.steps.size() - 1).detail()).contains("DNS did not answer for imrap-mali.org",
                "SPF, DKIM and DMARC were not checked");
        assertThat(dns.asked()).hasSize(1);
    }

    @Test
    void theJdkDnsClientReadsRecordsOfSeveralStringsJoinedAndAMissingNameAsNone() throws Exception {
        try (TestDnsServer server = new TestDnsServer()
                .txt("imrap-mali.org", List.of(List.of("v=spf1 include:_spf.google.com", " ~all"), List.of("other")))
                .txt("google._domainkey.imrap-mali.org", List.of(List.of("v=DKIM1; k=rsa; p=MIIBIjAN", "BgkqhkiG9w0B")))) {
            SystemDns dns = new SystemDns(server.address());

            assertThat(dns.txt("imrap-mali.org")).containsExactlyInAnyOrder("v=spf1 include:_spf.google.com ~all", "other");
            assertThat(dns.txt("google._domainkey.imrap-mali.org")).containsExactly("v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG9w0B");
            assertThat(dns.txt("_dmarc.imrap-mali.org")).isEmpty();
        }
    }

    @Test
    void aDnsServerThatIsGoneIsNoAnswerSoon() throws Exception {
        TestDnsServer server = new TestDnsServer();
        SystemDns dns = new SystemDns(server.address());
        server.close();

        long start = System.nanoTime();
        assertThatThrownBy(() -> dns.txt("imrap-mali.org")).isInstanceOf(Dns.NoAnswerException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void jndisTextOfARecordIsJoinedBackAsTheRecordMeansIt() {
        assertThat(SystemDns.joined("v=spf1")).isEqualTo("v=spf1");
        assertThat(SystemDns.joined("\"v=spf1 a\" \" -all\"")).isEqualTo("v=spf1 a -all");
        assertThat(SystemDns.joined("p=MIIB AQAB")).isEqualTo("p=MIIBAQAB");
        assertThat(SystemDns.joined("\"say \\\"hi\\\"\"")).isEqualTo("say \"hi\"");
    }
}
