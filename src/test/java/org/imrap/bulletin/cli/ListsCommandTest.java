package org.imrap.bulletin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.imrap.bulletin.SampleWorkspace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListsCommandTest {
    @TempDir
    Path dir;
    Path recipients;

    @BeforeEach
    void copySample() {
        SampleWorkspace.copyTo(dir);
        recipients = dir.resolve("recipients");
    }

    private CliRun lists(String... args) {
        return CliRun.inWorkspace(dir, Map.of(), "lists", args);
    }

    @Test
    void checkOnTheSampleListsExitsZeroWithTheCounts() {
        CliRun run = lists("check");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("authorities", "donors", "partners", "Distinct people reached: 34",
                "awa.traore@example.org: donors, partners");
    }

    @Test
    void checkReportsEveryInvalidRowWithFileAndLineAndExitsSixtyFive() throws IOException {
        Files.writeString(recipients.resolve("partners.csv"),
                "\nawa@localhost,Awa Traoré,ONG Kènè,fr\n\"x@example.org\",\"Awa\r\nBcc: x@evil.example\",O,fr\n", 
                java.nio.file.StandardOpenOption.APPEND);

        CliRun run = lists("check");

        assertThat(run.exitCode()).isEqualTo(65);
        assertThat(run.out()).contains("recipients/partners.csv:15: 'awa@localhost'", "has no dot",
                "recipients/partners.csv:16: the 'name' value contains a control character");
        assertThat(run.err()).contains("2 rows cannot be used");
    }

    @Test
    void showCountsPeoplePerListAndTheDistinctTotal() {
        CliRun all = lists("show");
        assertThat(all.exitCode()).isZero();
        assertThat(all.out()).contains("Distinct people reached: 34");

        CliRun some = lists("show", "partners", "donors");
        assertThat(some.exitCode()).isZero();
        assertThat(some.out()).contains("Distinct people reached: 22").doesNotContain("authorities");
        assertThat(some.err()).contains("Reaches 22 people (partners 11, donors 11)");
    }

    @Test
    void showRefusesAnUnknownList() {
        CliRun run = lists("show", "partenaires");

        assertThat(run.exitCode()).isEqualTo(64);
        assertThat(run.err()).contains("no list 'partenaires'", "choose among: authorities, donors, partners");
    }

    @Test
    void addAppendsARowKeepingEveryOtherByte() throws IOException {
        byte[] before = Files.readAllBytes(recipients.resolve("partners.csv"));

        CliRun run = lists("add", "partners", "salif.kone@example.org", "--name", "Salif Koné",
                "--field", "organisation=Réseau Kènè, Ségou", "--field", "language=fr");

        assertThat(run.exitCode()).as(run.err()).isZero();
        byte[] after = Files.readAllBytes(recipients.resolve("partners.csv"));
        assertThat(new String(after, StandardCharsets.UTF_8))
                .isEqualTo(new String(before, StandardCharsets.UTF_8)
                        + "salif.kone@example.org,Salif Koné,\"Réseau Kènè, Ségou\",fr\n");
        assertThat(lists("show", "partners").out()).contains("Distinct people reached: 12");
    }

    @Test
    void addKeepsAnExcelFilesSemicolonsByteOrderMarkAndColumnOrder() throws IOException {
        byte[] before = Files.readAllBytes(recipients.resolve("donors.csv"));
        assertThat(before).startsWith(0xEF, 0xBB, 0xBF);

        CliRun run = lists("add", "donors", "ines.diallo@example.net", "--field", "language=fr", "--name", "Inès Diallo");

        assertThat(run.exitCode()).as(run.err()).isZero();
        byte[] after = Files.readAllBytes(recipients.resolve("donors.csv"));
        assertThat(after).startsWith(before);
        assertThat(new String(after, before.length, after.length - before.length, StandardCharsets.UTF_8))
                .isEqualTo("ines.diallo@example.net;Inès Diallo;;fr\n");
    }

    @Test
    void addKeepsWindows1252AndRefusesWhatItCannotHold() throws IOException {
        Charset cp1252 = Charset.forName("windows-1252");
        Path file = recipients.resolve("villages.csv");
        Files.write(file, "email;name\r\nchef.kela@example.org;Chef de Kéla\r\n".getBytes(cp1252));

        CliRun added = lists("add", "villages", "chef.narena@example.org", "--name", "Chef de Naréna");
        assertThat(added.exitCode()).as(added.err()).isZero();
        assertThat(new String(Files.readAllBytes(file), cp1252))
                .isEqualTo("email;name\r\nchef.kela@example.org;Chef de Kéla\r\nchef.narena@example.org;Chef de Naréna\r\n");

        byte[] before = Files.readAllBytes(file);
        CliRun refused = lists("add", "villages", "x@example.org", "--name", "Chef 🌍");
        assertThat(refused.exitCode()).isEqualTo(65);
        assertThat(refused.err()).contains("windows-1252", "CSV UTF-8");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void addRefusesDuplicatesInAnyCaseBadAddressesAndUnknownColumns() throws IOException {
        byte[] before = Files.readAllBytes(recipients.resolve("partners.csv"));

        CliRun duplicate = lists("add", "partners", "AWA.TRAORE@example.org");
        assertThat(duplicate.exitCode()).isEqualTo(65);
        assertThat(duplicate.err()).contains("already on the list partners", "recipients/partners.csv:2");

        CliRun bad = lists("add", "partners", "awa@localhost");
        assertThat(bad.exitCode()).isEqualTo(65);
        assertThat(bad.err()).contains("has no dot");

        CliRun injected = lists("add", "partners", "new@example.org", "--name", "Awa\nBcc: x@evil.example");
        assertThat(injected.exitCode()).isEqualTo(65);
        assertThat(injected.err()).contains("control character");

        CliRun email = lists("add", "partners", "new@example.org", "--field", "Email=other@example.org");
        assertThat(email.exitCode()).isEqualTo(64);
        assertThat(email.err()).contains("a column given already");

        CliRun column = lists("add", "partners", "new@example.org", "--field", "telephone=123");
        assertThat(column.exitCode()).as("a refused edit, as the README's table says").isEqualTo(65);
        assertThat(column.err()).contains("no column 'telephone'", "email, name, organisation, language");

        assertThat(Files.readAllBytes(recipients.resolve("partners.csv"))).isEqualTo(before);
    }

    @Test
    void addCreatesANewListAndWarnsAboutAnUnsubscribedPerson() throws IOException {
        CliRun run = lists("add", "journalistes", "jean.dupont@example.org", "--name", "Jean Dupont");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("(new list)");
        assertThat(run.err()).contains("warning: jean.dupont@example.org has unsubscribed");
        assertThat(recipients.resolve("journalistes.csv")).hasContent("email,name\njean.dupont@example.org,Jean Dupont");
    }

    @Test
    void removeDeletesOnlyThatPersonsRow() throws IOException {
        List<String> before = Files.readAllLines(recipients.resolve("partners.csv"));

        CliRun run = lists("remove", "partners", "Moussa.Keita@example.org");

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> after = Files.readAllLines(recipients.resolve("partners.csv"));
        assertThat(after).isEqualTo(before.stream().filter(line -> !line.startsWith("moussa.keita@")).toList());
        assertThat(after).hasSize(before.size() - 1);

        CliRun again = lists("remove", "partners", "moussa.keita@example.org");
        assertThat(again.exitCode()).isEqualTo(65);
        assertThat(again.err()).contains("not on the list partners");
    }

    @Test
    void unsubscribeAppendsOnceAndTheBulletinNoLongerReachesThePerson() throws IOException {
        CliRun run = lists("unsubscribe", "Moussa.Keita@example.org", "--reason", "demande par téléphone");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readAllLines(recipients.resolve("unsubscribed.csv")))
                .last().asString().matches("Moussa\\.Keita@example\\.org,\\d{4}-\\d{2}-\\d{2},demande par téléphone");

        CliRun again = lists("unsubscribe", "moussa.keita@example.org");
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("already unsubscribed (since");
        assertThat(Files.readAllLines(recipients.resolve("unsubscribed.csv"))).hasSize(3);

        CliRun preview = CliRun.run("--workspace", dir.toString(), "preview", "--recipient", "moussa.keita@example.org");
        assertThat(preview.exitCode()).isEqualTo(66);
        assertThat(preview.err()).contains("has unsubscribed");
    }

    @Test
    void anEditThatCannotFinishWritingLeavesTheOriginalFileIntact() throws Exception {
        // A list larger than the file-size limit the child process runs under: writing the new copy fails.
        StringBuilder big = new StringBuilder("email,name,organisation,language\n");
        for (int i = 0; i < 200; i++) {
            big.append("personne").append(i).append("@example.org,Personne ").append(i).append(",ONG Kènè,fr\n");
        }
        Path partners = recipients.resolve("partners.csv");
        Files.writeString(partners, big);
        byte[] before = Files.readAllBytes(partners);

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = "ulimit -f 4; exec '" + java + "' -XX:-UsePerfData -cp '" + System.getProperty("java.class.path")
                + "' org.imrap.bulletin.Main --workspace '" + dir + "' lists add partners salif.kone@example.org";
        Process process = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(output).isEqualTo(73);
        assertThat(output).contains("cannot write", "partners.csv");
        assertThat(Files.readAllBytes(partners)).isEqualTo(before);
        try (var files = Files.list(recipients)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("partners.csv", "donors.csv", "authorities.csv", "unsubscribed.csv",
                            ".partners.csv.lock");
        }
    }
}
