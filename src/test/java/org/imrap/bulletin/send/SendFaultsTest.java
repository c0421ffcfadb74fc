package org.imrap.bulletin.send;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.imrap.bulletin.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * bulletin send against a server that misbehaves on purpose: each case ends with the right journal and exit code.
 * The server offers PIPELINING, so refusals come back as replies to a group of commands (RFC 2920);
 * {@link SendFaultsWithoutPipeliningTest} runs every case again one command at a time.
 */
class SendFaultsTest extends FaultyServerTest {
    private static final String AWA = "awa.traore@example.org";
    private static final String MOUSSA = "moussa.keita@example.org";


    private String statusOf(String email) {
        List<String> statuses = fixture.journalStatuses().stream().filter(s -> s.startsWith(email + " ")).toList();
        return statuses.isEmpty() ? "none" : statuses.get(statuses.size() - 1).substring(email.length() + 1);
    }

    @Test
    void oneConnectionCarriesEveryMessage() {
        CliRun run = fixture.send("--yes");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(server.sessions()).isEqualTo(1);
        assertThat(server.recipients()).hasSize(SendFixture.SAMPLE_AUDIENCE).doesNotHaveDuplicates();
        assertThat(server.pipelinedEnvelopes())
                .as("MAIL FROM, RCPT TO and DATA in one go only when the server offers PIPELINING")
                .isEqualTo(server.offersPipelining() ? SendFixture.SAMPLE_AUDIENCE : 0);
    }

    private List<String> rowOf(String email) {
        return fixture.journalRows().stream().filter(row -> row.get(3).equals(email)).findFirst().orElseThrow();
    }

    @Test
    void eachFinalDotGoesWithTheNextEnvelopeAndOnlyOnceTheMessageBeforeItIsJournaled() {
        List<String> early = new java.util.concurrent.CopyOnWriteArrayList<>();
        server.onFinalDot(accepted -> {
            int journaled = fixture.journalRows().size();
            if (journaled < accepted) {
                early.add(accepted + " accepted, " + journaled + " journaled");
            }
        });

        CliRun run = fixture.send("--yes");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(early).as("a final dot left before the outcome of the message before it was on disk").isEmpty();
        assertThat(server.commandsBehindFinalDot())
                .as("one round trip per message: the next MAIL FROM, RCPT TO and DATA in the final dot's write (RFC 2920 "
                        + "§3.1), only when the server offers PIPELINING; the last dot goes alone")
                .isEqualTo(server.offersPipelining() ? SendFixture.SAMPLE_AUDIENCE - 1 : 0);
        assertThat(fixture.journalRows()).hasSize(SendFixture.SAMPLE_AUDIENCE)
                .allSatisfy(row -> assertThat(row.get(4)).isEqualTo("sent"));
    }

    @Test
    void aServerThatAnswersAtOnceGetsEachFinalDotOnItsOwnAndItsReplyReadAtOnce() {
        server.near();

        CliRun run = fixture.send("--yes");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(server.commandsBehindFinalDot()).as("on loopback a round trip costs less than the journal's flush")
                .isZero();
        assertThat(server.pipelinedEnvelopes()).isEqualTo(server.offersPipelining() ? SendFixture.SAMPLE_AUDIENCE : 0);
        assertThat(server.recipients()).hasSize(SendFixture.SAMPLE_AUDIENCE).doesNotHaveDuplicates();
    }

    @Test
    void aRefusalAfterDataReadWithTheNextPersonsRefusedAddressGoesToEachOwnRow() {
        server.replyAfterData(AWA, "554 5.7.1 Message rejected as spam");
        server.replyToRecipient(MOUSSA, "550 5.1.1 <" + MOUSSA + ">: User unknown");

        CliRun run = fixture.send("--yes");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(65);
        assertThat(rowOf(AWA)).satisfies(row -> assertThat(row.get(4)).isEqualTo("failed"))
                .satisfies(row -> assertThat(row.get(5)).contains("554 5.7.1"));
        assertThat(rowOf(MOUSSA)).satisfies(row -> assertThat(row.get(4)).isEqualTo("failed"))
                .satisfies(row -> assertThat(row.get(5)).contains("550 5.1.1"));
        assertThat(fixture.journalRows()).hasSize(SendFixture.SAMPLE_AUDIENCE);
        assertThat(server.recipients()).hasSize(32).doesNotContain(AWA, MOUSSA).doesNotHaveDuplicates();
        assertThat(run.out()).contains("Sent 32, failed 2, deferred 0");
        assertThat(server.sessions()).isEqualTo(1);
    }

    @Test
    void aConnectionLostJustAfterAMessageWasAcceptedKeepsItSentAndSendsTheNextOnceOnANewConnection() {
        server.closeAfterAccepting(AWA, 1);

        CliRun run = fixture.send("--yes");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(statusOf(AWA)).isEqualTo("sent");
        assertThat(statusOf(MOUSSA)).isEqualTo("sent");
        assertThat(fixture.journalRows()).hasSize(SendFixture.SAMPLE_AUDIENCE)
                .allSatisfy(row -> assertThat(row.get(4)).isEqualTo("sent"));
        assertThat(server.recipients()).hasSize(34).doesNotHaveDuplicates();
        assertThat(server.sessions()).isEqualTo(2);
    }

    @Test
    void aConnectionLostBeforeAFinalDotsReplyLeavesThatMessageUncertainAndSendsTheNextOnce() {
        server.closeWithoutReplyAfterData(AWA, 1);

        CliRun run = fixture.send("--yes");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(75);
        assertThat(rowOf(AWA)).satisfies(row -> assertThat(row.get(4)).isEqualTo("deferred"))
                .satisfies(row -> assertThat(row.get(5)).contains("it may have arrived"));
        assertThat(statusOf(MOUSSA)).isEqualTo("sent");
        assertThat(fixture.journalRows()).hasSize(SendFixture.SAMPLE_AUDIENCE);
        assertThat(server.recipients()).hasSize(33).doesNotContain(AWA).doesNotHaveDuplicates();
        assertThat(server.sessions()).isEqualTo(2);
    }

    @Test
    void a421ToTheNextSenderArrivingWithAMessagesAcceptanceKeepsItSentAndSendsTheNextOnce() {
        server.closeAfterMessages(1);

        CliRun run = fixture.send("--yes");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(fixture.journalRows()).hasSize(SendFixture.SAMPLE_AUDIENCE)
                .allSatisfy(row -> assertThat(row.get(4)).isEqualTo("sent"));
        assertThat(fixture.journalRows().stream().map(row -> row.get(3))).doesNotHaveDuplicates();
        assertThat(server.recipients()).hasSize(34).doesNotHaveDuplicates();
        assertThat(server.sessions()).isEqualTo(SendFixture.SAMPLE_AUDIENCE);
    }

    @Test
    void aTemporaryRefusalOfTheMessageItselfIsTriedAgainInTheRunAndSentOnce() {
        server.deferAfterData(AWA, "451 4.3.0 Temporary local problem", 2);

        CliRun run = fixture.send("--yes");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(fixture.journalRows()).filteredOn(row -> row.get(3).equals(AWA)).singleElement()
                .satisfies(row -> assertThat(row.get(4)).isEqualTo("sent"));
        assertThat(fixture.journalRows()).hasSize(SendFixture.SAMPLE_AUDIENCE);
        assertThat(server.recipients()).hasSize(34).doesNotHaveDuplicates();
    }

    @Test
    void fourConnectionsOpenAtOnceNotOneAfterAnother() {
        fixture.addSettings("send.connections=4");
        server.greetingDelay(java.time.Duration.ofMillis(400));

        CliRun run = fixture.send("--yes");

        assertThat(run.exitCode()).as(run.all()).isZero();
        List<Long> accepted = server.acceptedAt();
        assertThat(accepted).hasSize(4);
        assertThat((accepted.get(3) - accepted.get(0)) / 1_000_000)
                .as("the fourth connection began before the first was greeted (ms)").isLessThan(400);
    }

    @Test
    void autoOpensMoreConnectionsWhileTheyRaiseTheRateAndSaysHowMany() {
        fixture.generatedList(240);
        fixture.addSettings("send.connections=auto", "send.maxConnections=4");
        server.finalReplyDelay(java.time.Duration.ofMillis(25));

        CliRun run = fixture.send("--yes");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.err()).contains("connections: auto (1 to 4)");
        assertThat(server.sessions()).as("a distant server: more connections, more messages a second").isGreaterThan(1);
        assertThat(run.out()).containsPattern("Connections: [2-4] \\(auto: ");
        assertThat(server.recipients()).doesNotHaveDuplicates();
        assertThat(fixture.journalRows().stream().map(row -> row.get(3))).doesNotHaveDuplicates();
        assertThat(fixture.journalRows()).allSatisfy(row -> assertThat(row.get(4)).isEqualTo("sent"));
    }

    @Test
    void autoNeverGoesAboveWhatTheServerTakes() {
        fixture.generatedList(240);
        fixture.addSettings("send.connections=auto");
        server.maxSessions(1).finalReplyDelay(java.time.Duration.ofMillis(25));

        CliRun run = fixture.send("--yes");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).contains("Connections: 1 (auto: the server took no more)");
        assertThat(server.recipients()).doesNotHaveDuplicates();
        assertThat(fixture.journalRows()).allSatisfy(row -> assertThat(row.get(4)).isEqualTo("sent"));
    }

    @Test
    void fourConnectionsShareTheAudienceAndEachPersonGetsOneMessageAndOneRow() {
        fixture.addSettings("send.connections=4");

        CliRun run = fixture.send("--yes");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.err()).as("the plan says how many").contains("connections: 4");
        assertThat(server.sessions()).isEqualTo(4);
        assertThat(server.received().stream().map(FaultySmtpServer.Received::session).distinct())
                .as("every connection carried messages").hasSize(4);
        assertThat(server.recipients()).hasSize(SendFixture.SAMPLE_AUDIENCE).doesNotHaveDuplicates();
        assertThat(fixture.journalRows()).hasSize(SendFixture.SAMPLE_AUDIENCE)
                .allSatisfy(row -> assertThat(row.get(4)).isEqualTo("sent"));
        assertThat(fixture.journalRows().stream().map(row -> row.get(3))).doesNotHaveDuplicates();
    }

    @Test
    void aServerThatTakesFewerConnectionsGetsThoseAndEveryoneStillOnce() {
        fixture.addSettings("send.connections=4");
        server.maxSessions(2);

        CliRun run = fixture.send("--yes");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.err()).contains("only 2 of 4 connections could be opened", "421 4.7.0 Too many connections");
        assertThat(server.recipients()).hasSize(SendFixture.SAMPLE_AUDIENCE).doesNotHaveDuplicates();
    }

    @Test
    void withFourConnectionsAPermanentRefusalStillFailsOnlyThatPerson() {
        fixture.addSettings("send.connections=4");
        server.replyToRecipient(AWA, "550 5.1.1 <" + AWA + ">: Recipient address rejected: User unknown");

        CliRun run = fixture.send("--yes");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(65);
        assertThat(statusOf(AWA)).isEqualTo("failed");
        assertThat(server.recipients()).hasSize(33).doesNotContain(AWA).doesNotHaveDuplicates();
        assertThat(run.out()).contains("Sent 33, failed 1, deferred 0");
    }

    @Test
    void aConnectionsSettingOutOfRangeIsRefusedWithTheLine() {
        fixture.addSettings("send.connections=0");

        CliRun run = fixture.send("--yes");

        assertThat(run.exitCode()).isEqualTo(78);
        assertThat(run.err()).contains("bulletin.properties", "send.connections is 0; it must be from 1 to 16");
        assertThat(server.sessions()).isZero();
    }

    @Test
    void aPermanentRefusalFailsThatPersonAndTheOthersStillGetIt() {
        server.replyToRecipient(AWA, "550 5.1.1 <" + AWA + ">: Recipient address rejected: User unknown");

        CliRun run = fixture.send("--yes");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(65);
        assertThat(statusOf(AWA)).isEqualTo("failed");
        assertThat(fixture.journalRows()).filteredOn(row -> row.get(3).equals(AWA)).singleElement()
                .satisfies(row -> assertThat(row.get(5)).contains("550 5.1.1", "User unknown"));
        assertThat(server.recipients()).hasSize(33).doesNotContain(AWA);
        assertThat(run.out()).contains("Sent 33, failed 1, deferred 0", AWA + " (donors): 550 5.1.1");
        assertThat(server.sessions()).as("the connection survives a refusal (RSET)").isEqualTo(1);
    }

    @Test
    void aFullMailboxIsRetriedInTheRunThenDeferredAndTheNextRunDeliversIt() {
        server.deferRecipient(AWA, "452 4.2.2 Mailbox full", 3);

        CliRun first = fixture.send("--yes");

        assertThat(first.exitCode()).as(first.all()).isEqualTo(75);
        assertThat(statusOf(AWA)).isEqualTo("deferred");
        assertThat(first.out()).contains("Deferred (running the same command again retries them)", "452 4.2.2");
        assertThat(server.recipients()).hasSize(33);

        server.heal();
        CliRun second = fixture.send("--yes");

        assertThat(second.exitCode()).as(second.all()).isZero();
        assertThat(statusOf(AWA)).isEqualTo("sent");
        assertThat(server.recipients()).hasSize(34).doesNotHaveDuplicates();
        assertThat(second.out()).contains("Sent 1,", "33 already had it");
    }

    @Test
    void aTemporaryRefusalThatClearsWithinTheTriesIsSent() {
        server.deferRecipient(AWA, "451 4.3.0 Try again later", 2);

        CliRun run = fixture.send("--yes");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(fixture.journalStatuses()).filteredOn(s -> s.startsWith(AWA)).containsExactly(AWA + " sent");
    }

    @Test
    void a421MidTransactionReconnectsAndResendsTheUnfinishedMessageOnce() {
        server.closeAfterData(AWA, 1);

        CliRun run = fixture.send("--yes");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(statusOf(AWA)).isEqualTo("sent");
        assertThat(server.recipients()).hasSize(34).doesNotHaveDuplicates();
        assertThat(server.sessions()).isEqualTo(2);
    }

    @Test
    void a421AfterNMessagesOnAConnectionIsFollowedByANewConnection() {
        server.closeAfterMessages(10);

        CliRun run = fixture.send("--yes");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(server.recipients()).hasSize(34).doesNotHaveDuplicates();
        assertThat(server.sessions()).isEqualTo(4);
        assertThat(fixture.journalRows()).hasSize(34).allSatisfy(row -> assertThat(row.get(4)).isEqualTo("sent"));
    }

    @Test
    void aReplyThatNeverComesTimesOutIsDeferredAndNotResentInTheSameRun() {
        fixture.addSettings("smtp.readTimeout=1s", "send.retries=3");
        server.neverReplyAfterData(AWA);

        long start = System.nanoTime();
        CliRun run = fixture.send("--yes");
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;

        assertThat(run.exitCode()).as(run.all()).isEqualTo(75);
        assertThat(statusOf(AWA)).isEqualTo("deferred");
        assertThat(fixture.journalRows()).filteredOn(row -> row.get(3).equals(AWA)).singleElement()
                .satisfies(row -> assertThat(row.get(5)).contains("no reply after the whole message was sent",
                        "it may have arrived", "timed out"));
        assertThat(server.recipients()).hasSize(33).doesNotContain(AWA);
        assertThat(server.sessions()).as("one try for the message that may have arrived, then a new connection")
                .isEqualTo(2);
        assertThat(seconds).as("a 1 s timeout, not a hang").isLessThan(30);
    }

    @Test
    void aSenderRefusalStopsTheRunAndLeavesEveryoneElseForTheNextRun() {
        server.refuseSenderAfter(5, "550 5.4.5 Daily user sending quota exceeded");

        CliRun run = fixture.send("--yes");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(75);
        assertThat(fixture.journalRows()).hasSize(5).allSatisfy(row -> assertThat(row.get(4)).isEqualTo("sent"));
        assertThat(run.out()).contains("Stopped early: the server refused to take mail from bulletin@imrap-mali.org: "
                + "550 5.4.5 Daily user sending quota exceeded", "Left for the next run: 29");

        server.heal();
        CliRun next = fixture.send("--yes");
        assertThat(next.exitCode()).as(next.all()).isZero();
        assertThat(server.recipients()).hasSize(34).doesNotHaveDuplicates();
    }

    @Test
    void aServerThatDefersEverythingStopsTheRunAfterTenInARow() {
        server.replyToEveryRecipient("451 4.7.0 Try again later, closing connection");

        CliRun run = fixture.send("--yes");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(75);
        assertThat(fixture.journalRows()).hasSize(RunLedger.NOT_SENT_BEFORE_STOP)
                .allSatisfy(row -> assertThat(row.get(4)).isEqualTo("deferred"));
        assertThat(run.out()).contains("Stopped early: 10 messages in a row were not taken", "Left for the next run: 24");
    }

    @Test
    void aServerThatRefusesTheMessageItselfStopsTheRunAfterThree() {
        server.replyAfterEveryMessage("552 5.3.4 Message size exceeds fixed limit");

        CliRun run = fixture.send("--yes");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(75);
        assertThat(fixture.journalRows()).hasSize(RunLedger.REFUSED_MESSAGES_BEFORE_STOP)
                .allSatisfy(row -> assertThat(row.get(4)).isEqualTo("failed"));
        assertThat(run.out()).contains("the server refused the message itself 3 times in a row");
    }

    @Test
    void failedPeopleAreNotRetriedUnlessAsked() {
        server.replyToRecipient(AWA, "550 5.1.1 User unknown");
        assertThat(fixture.send("--yes").exitCode()).isEqualTo(65);
        server.heal();

        CliRun again = fixture.send("--yes");
        assertThat(again.exitCode()).as(again.all()).isEqualTo(65);
        assertThat(again.out()).contains("1 failed for good earlier", "--retry-failed");
        assertThat(server.recipients()).doesNotContain(AWA);

        CliRun retried = fixture.send("--yes", "--retry-failed");
        assertThat(retried.exitCode()).as(retried.all()).isZero();
        assertThat(statusOf(AWA)).isEqualTo("sent");
        assertThat(server.recipients()).hasSize(34).doesNotHaveDuplicates();
    }

    @Test
    void anUnreadableSuppressionListStopsTheSendBeforeAnythingGoes() throws IOException {
        Files.writeString(dir.resolve("recipients/unsubscribed.csv"), "adresse,date\njean.dupont@example.org,2022-06-14\n");

        CliRun run = fixture.send("--yes");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(65);
        assertThat(run.err()).contains("the suppression list cannot be read", "unsubscribed.csv:1");
        assertThat(server.sessions()).isZero();
    }

    @Test
    void aZeroTimeoutIsRefused() {
        fixture.addSettings("smtp.readTimeout=0");

        CliRun run = fixture.send("--yes");

        assertThat(run.exitCode()).isEqualTo(78);
        assertThat(run.err()).contains("smtp.readTimeout must be more than zero");
    }

    @Test
    void aRefusalAfterDataFailsThatPerson() {
        server.replyAfterData(MOUSSA, "554 5.7.1 Message rejected as spam");

        CliRun run = fixture.send("--yes");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(65);
        assertThat(statusOf(MOUSSA)).isEqualTo("failed");
        assertThat(server.recipients()).hasSize(33).doesNotContain(MOUSSA);
    }

    @Test
    void anUnreachableServerExitsSixtyNineAndJournalsNothing() throws IOException {
        server.close();

        CliRun run = fixture.send("--yes");

        assertThat(run.exitCode()).isEqualTo(69);
        assertThat(run.err()).contains("cannot connect to 127.0.0.1:" + fixture.port, "nothing was sent");
        assertThat(fixture.journal()).doesNotExist();
    }

    @Test
    void aServerWithoutStartTlsIsRefusedWhenStartTlsIsRequired() {
        CliRun run = CliRun.run("--workspace", dir.toString(), "send", "--yes", "--smtp-host", "127.0.0.1",
                "--smtp-port", String.valueOf(fixture.port), "--smtp-security", "starttls");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(69);
        assertThat(run.err()).contains("does not offer STARTTLS", "never falls back");
        assertThat(server.recipients()).isEmpty();
        assertThat(fixture.journalRows()).isEmpty();
    }

    @Test
    void aRefusedLoginExitsSeventySeven() {
        server.requireLogin("bulletin@imrap-mali.org", "the-right-one");

        CliRun run = fixture.send(Map.of("BULLETIN_SMTP_PASSWORD", "a-wrong-one"), "--yes",
                "--smtp-username", "bulletin@imrap-mali.org");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(77);
        assertThat(run.err()).contains("refused the login of bulletin@imrap-mali.org");
        assertThat(run.all()).doesNotContain("a-wrong-one");
        assertThat(fixture.journalRows()).isEmpty();
    }

    @Test
    void thePasswordNeverAppearsInAnyOutputOrTheJournalEvenWithDebugSmtp() throws IOException {
        String password = "s3cr3t-Pässwörd";
        server.requireLogin("bulletin@imrap-mali.org", password);

        CliRun run = fixture.send(Map.of("BULLETIN_SMTP_PASSWORD", password), "--yes", "--debug-smtp",
                "--smtp-username", "bulletin@imrap-mali.org");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.err()).contains("MAIL FROM:<bulletin@imrap-mali.org>");
        String everything = run.all() + Files.readString(fixture.journal());
        Base64.Encoder base64 = Base64.getEncoder();
        for (String form : new String[] {password, base64.encodeToString(password.getBytes(StandardCharsets.UTF_8)),
            base64.encodeToString(("\0bulletin@imrap-mali.org\0" + password).getBytes(StandardCharsets.UTF_8))}) {
            assertThat(everything).doesNotContain(form);
        }
    }

    @Test
    void aPasswordFileOthersCanReadIsRefused() throws IOException {
        Path secret = dir.resolve("smtp-password");
        Files.writeString(secret, "hunter2\n");
        Files.setPosixFilePermissions(secret, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        fixture.addSettings("smtp.username=bulletin@imrap-mali.org", "smtp.passwordFile=smtp-password");
        server.requireLogin("bulletin@imrap-mali.org", "hunter2");

        CliRun open = fixture.send("--yes");
        assertThat(open.exitCode()).isEqualTo(78);
        assertThat(open.err()).contains("can be read or written by other users", "chmod 600");

        Files.setPosixFilePermissions(secret, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        CliRun closed = fixture.send("--yes");
        assertThat(closed.exitCode()).as(closed.all()).isZero();
        assertThat(closed.all()).doesNotContain("hunter2");
    }

    @Test
    void aJournalThatCannotBeWrittenStopsTheSendBeforeAnythingGoes() throws IOException {
        Files.writeString(dir.resolve("journal"), "a file where the journal folder should be");

        CliRun run = fixture.send("--yes");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(73);
        assertThat(run.err()).contains("cannot", "journal");
        assertThat(server.recipients()).isEmpty();
    }

    @Test
    void aLockHeldByALiveProcessStopsASecondSend() throws Exception {
        Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(),
                dir.resolve("journal").toString()).start();
        try {
            assertThat(new java.io.BufferedReader(new java.io.InputStreamReader(other.getInputStream())).readLine())
                    .isEqualTo("locked");

            CliRun run = fixture.send("--yes");

            assertThat(run.exitCode()).isEqualTo(75);
            assertThat(run.err()).contains("another send is running in this workspace (pid " + other.pid() + ")");
            assertThat(server.recipients()).isEmpty();
        } finally {
            other.destroyForcibly().waitFor();
        }
    }

    @Test
    void aPidReusedByAnotherProgramDoesNotBlockSending() throws Exception {
        Process unrelated = new ProcessBuilder("sleep", "30").start();
        try {
            Files.createDirectories(dir.resolve("journal"));
            Files.writeString(dir.resolve("journal/send.lock"), unrelated.pid() + "\n");

            CliRun run = fixture.send("--yes");

            assertThat(run.exitCode()).as(run.all()).isZero();
            assertThat(run.err()).contains("warning: taking over",
                    "(pid " + unrelated.pid() + ") has ended (its lock was free), and pid " + unrelated.pid()
                            + " now belongs to another program")
                    .doesNotContain("no longer running");
            assertThat(server.recipients()).hasSize(SendFixture.SAMPLE_AUDIENCE);
        } finally {
            unrelated.destroyForcibly();
        }
    }

    @Test
    void aStaleLockIsTakenOverWithAWarning() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.createDirectories(dir.resolve("journal"));
        Files.writeString(dir.resolve("journal/send.lock"), gone.pid() + "\n");

        CliRun run = fixture.send("--yes");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.err()).contains("warning: taking over", "(pid " + gone.pid() + ") is no longer running");
        assertThat(server.recipients()).hasSize(34);
        assertThat(dir.resolve("journal/send.lock")).isEmptyFile();
    }

    /** Every fault above, run with --dry-run: nothing reaches the server and no journal is written. */
    static Stream<Arguments> faults() {
        return Stream.<Consumer<FaultySmtpServer>>of(
                s -> s.replyToRecipient(AWA, "550 5.1.1 User unknown"),
                s -> s.deferRecipient(AWA, "452 4.2.2 Mailbox full", 3),
                s -> s.closeAfterData(AWA, 1),
                s -> s.closeAfterMessages(10),
                s -> s.neverReplyAfterData(AWA),
                s -> s.replyAfterData(MOUSSA, "554 5.7.1 Rejected"),
                s -> s.requireLogin("bulletin@imrap-mali.org", "x"))
                .map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("faults")
    void theDryRunTwinOfEachFaultSendsNothing(Consumer<FaultySmtpServer> fault) {
        fault.accept(server);

        CliRun run = fixture.send("--dry-run");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(server.sessions()).isZero();
        assertThat(fixture.journal()).doesNotExist();
    }
}
