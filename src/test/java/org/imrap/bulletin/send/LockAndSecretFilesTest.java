package org.imrap.bulletin.send;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.imrap.bulletin.cli.CliRun;
import org.junit.jupiter.api.Test;

/**
 * The files bulletin locks or creates beside the user's own: lock files never followed through a
 * symbolic link, a stale lock's pid named truthfully, and a workspace secret that is whole and private
 * or refused (the sample workspace offers unsubscribe.mailto, so every send and preview needs the secret).
 */
class LockAndSecretFilesTest extends GreenMailTest {

    private Path secret() {
        return dir.resolve("bulletin.secret");
    }

    private CliRun preview() {
        return CliRun.inWorkspace(dir, Map.of(), "preview");
    }

    @Test
    void aSendLockThatIsASymbolicLinkIsRefusedAndWhatItPointsToIsLeftIntact() throws Exception {
        Path precious = Files.writeString(dir.resolve("precious.txt"), "IMRAP's accounts\n");
        Files.createDirectories(dir.resolve("journal"));
        Files.createSymbolicLink(dir.resolve("journal/send.lock"), precious);

        CliRun run = fixture.send("--yes");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(73);
        assertThat(run.err()).contains("send.lock is a symbolic link", "delete the link");
        assertThat(precious).hasContent("IMRAP's accounts");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void aListsEditLockThatIsASymbolicLinkIsRefusedAndWhatItPointsToIsLeftIntact() throws Exception {
        Path precious = Files.writeString(dir.resolve("precious.txt"), "IMRAP's accounts\n");
        Path link = dir.resolve("recipients/.unsubscribed.csv.lock");
        Files.createSymbolicLink(link, precious);
        byte[] before = Files.readAllBytes(dir.resolve("recipients/unsubscribed.csv"));

        CliRun run = CliRun.inWorkspace(dir, Map.of(), "lists", "unsubscribe", "awa.traore@example.org");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(73);
        assertThat(run.err()).contains(".unsubscribed.csv.lock is a symbolic link");
        assertThat(precious).hasContent("IMRAP's accounts");
        assertThat(Files.readAllBytes(dir.resolve("recipients/unsubscribed.csv"))).isEqualTo(before);
        assertThat(Files.isSymbolicLink(link)).isTrue();
    }

    @Test
    void theSecretIsMadeWholeAndPrivateOnFirstNeed() throws Exception {
        CliRun run = preview();

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(Files.readString(secret())).matches("[0-9a-f]{64}\n");
        assertThat(Files.getPosixFilePermissions(secret())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        }
        String key = Files.readString(secret());
        assertThat(preview().exitCode()).isZero();
        assertThat(secret()).as("made once, then kept").hasContent(key.strip());
    }

    @Test
    void anEmptySecretIsRefusedWithWhatToDoAndNothingIsSent() throws Exception {
        Files.createFile(secret(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));

        CliRun run = fixture.send("--yes");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(78);
        assertThat(run.err()).contains("bulletin.secret is empty", "delete", "will stop working")
                .doesNotContain("internal error");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void aSecretShorterThan32BytesIsRefused() throws Exception {
        Files.writeString(secret(), "00112233445566778899aabbccddeeff\n");
        Files.setPosixFilePermissions(secret(), PosixFilePermissions.fromString("rw-------"));

        CliRun run = preview();

        assertThat(run.exitCode()).as(run.all()).isEqualTo(78);
        assertThat(run.err()).contains("bulletin.secret holds 16 bytes; a key needs at least 32", "delete");
    }

    @Test
    void aSecretOthersCanReadIsRefusedUntilChmod600() throws Exception {
        Files.writeString(secret(), "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff\n");
        Files.setPosixFilePermissions(secret(), PosixFilePermissions.fromString("rw-r--r--"));

        CliRun open = preview();

        assertThat(open.exitCode()).as(open.all()).isEqualTo(78);
        assertThat(open.err()).contains("bulletin.secret can be read or written by other users", "chmod 600");

        Files.setPosixFilePermissions(secret(), PosixFilePermissions.fromString("rw-------"));
        assertThat(preview().exitCode()).isZero();
    }

    @Test
    void aDiskThatFillsWhileTheSecretIsMadeLeavesNoEmptySecretBehind() throws Exception {
        // A file-size limit of 0 blocks makes every write fail, as a full disk does (the JVM ignores SIGXFSZ).
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = "ulimit -f 0; exec '" + java + "' -XX:-UsePerfData -cp '" + System.getProperty("java.class.path")
                + "' org.imrap.bulletin.Main --workspace '" + dir + "' preview";
        Process process = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(output).isEqualTo(78);
        assertThat(output).contains("bulletin.secret");
        assertThat(secret()).as(output).doesNotExist();

        CliRun again = preview();
        assertThat(again.exitCode()).as(again.all()).isZero();
        assertThat(Files.readString(secret())).matches("[0-9a-f]{64}\n");
    }
}
