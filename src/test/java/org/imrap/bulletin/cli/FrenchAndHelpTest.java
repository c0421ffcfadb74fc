package org.imrap.bulletin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Properties;
import org.imrap.bulletin.SampleWorkspace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** French that reads right (plurals, no English left), and a command line that helps. */
class FrenchAndHelpTest {
    private static final Map<String, String> FRENCH = Map.of("LANG", "fr_ML.UTF-8");

    @TempDir
    Path dir;

    @BeforeEach
    void copySample() {
        SampleWorkspace.copyTo(dir);
    }

    private CliRun run(Map<String, String> env, String command, String... args) {
        return CliRun.inWorkspace(dir, env, command, args);
    }

    @Test
    void frenchCountsTakeTheSingularForZeroAndOne() {
        CliRun send = run(FRENCH, "send", "--month", "2022-08");

        assertThat(send.exitCode()).as(send.all()).isZero();
        assertThat(send.err()).contains("Atteint 34 personnes (authorities 12, donors 12, partners 10) ; "
                + "1 sur plusieurs listes, 1 désabonné");
        assertThat(send.out()).contains(
                "Envoyés 34, en échec 0, reportés 0 ; 0 l'avait déjà ; 1 désabonné (non envoyé).",
                "Bac à sable : rien n'a quitté cette machine ; 34 messages écrits dans");
        assertThat(send.all()).doesNotContain("(s)", "(e)", "1 désabonnés");

        CliRun dryRun = run(FRENCH, "send", "--month", "2022-08", "--dry-run");
        assertThat(dryRun.out()).contains("Essai à blanc : 34 messages préparés ; rien n'a été envoyé");

        SampleWorkspace.write(dir.resolve("recipients/donors.csv"), "email,name\nawa.traore@example.org,Awa\n");
        CliRun show = run(FRENCH, "lists", "show", "donors");
        assertThat(show.err()).contains("Atteint 1 personne (donors 1)");
    }

    @Test
    void englishCountsTakeTheSingularForOneOnly() {
        CliRun show = run(Map.of(), "lists", "show");

        assertThat(show.err()).contains("Reaches 34 people", "1 on several lists, 1 unsubscribed");

        SampleWorkspace.write(dir.resolve("recipients/donors.csv"), "email,name\nawa@localhost,Awa\n");
        CliRun check = run(Map.of(), "lists", "check");
        assertThat(check.err()).contains("bulletin: 1 row cannot be used");
        CliRun send = run(Map.of(), "send", "--month", "2022-08");
        assertThat(send.out()).contains("0 already had it; 1 unsubscribed (not sent); 1 invalid row left out");
    }

    @Test
    void inFrenchNoEnglishReachesTheUser() throws IOException {
        CliRun limit = run(FRENCH, "send", "--limit", "abc");
        CliRun twice = run(FRENCH, "send", "--month", "2022-08", "--month", "2022-07");
        CliRun security = run(FRENCH, "send", "--smtp-security", "tls");
        CliRun address = run(FRENCH, "lists", "add", "partners", "awa.traore");
        Files.write(dir.resolve("recipients/unsubscribed.csv"),
                "email,date,reason\nseydou@example.org,2022-06-14,a demandé à partir\n".getBytes(Charset.forName("windows-1252")));
        CliRun check = run(FRENCH, "lists", "check");

        assertThat(limit.exitCode()).isEqualTo(64);
        assertThat(limit.err()).contains("valeur incorrecte pour --limit : « abc » ; écrivez un nombre entier");
        assertThat(twice.err()).contains("--month est donné plusieurs fois");
        assertThat(security.err()).contains("valeur incorrecte pour --smtp-security : « tls » ; utilisez l'une de : starttls, ssl, none");
        assertThat(address.exitCode()).isEqualTo(65);
        assertThat(address.err()).contains("« awa.traore » n'est pas une adresse valide (il manque « @domaine » à la fin)");
        assertThat(check.err()).contains("pas en UTF-8 : lu comme du Windows-1252");
        for (CliRun run : new CliRun[] {limit, twice, security, address, check}) {
            assertThat(run.all()).doesNotContain("Invalid value", "should be specified only once", "expected one of",
                    "Missing final", "not UTF-8", "Unknown");
        }
    }

    @Test
    void theUnsubscribeMailOfAFrenchBulletinIsInFrenchAndOfAnEnglishOneInEnglish() throws Exception {
        assertThat(run(Map.of(), "preview").exitCode()).isZero();
        String french = listUnsubscribe();

        assertThat(french).startsWith("<mailto:desabonnement@imrap-mali.org?subject=d%C3%A9sabonnement%20")
                .contains("&body=Merci%20de%20ne%20plus%20m%27envoyer%20ce%20bulletin.%0D%0A%0D%0Ajeton%3D")
                .doesNotContain("unsubscribe", "token");

        Files.writeString(dir.resolve("bulletin.properties"), "\nlanguage=en\n", StandardOpenOption.APPEND);
        assertThat(run(Map.of(), "preview").exitCode()).isZero();
        assertThat(listUnsubscribe()).startsWith("<mailto:desabonnement@imrap-mali.org?subject=unsubscribe%20")
                .contains("&body=token%3D");
    }

    private String listUnsubscribe() throws Exception {
        try (InputStream in = Files.newInputStream(dir.resolve("out/preview/bulletin.eml"))) {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), in);
            return String.join("", message.getHeader("List-Unsubscribe")).replaceAll("\\r\\n\\s+", "");
        }
    }

    @Test
    void aMistypedCommandOrOptionGetsDidYouMean() {
        CliRun command = CliRun.run(Map.of(), "sedn");
        CliRun option = run(FRENCH, "send", "--dryrun");

        assertThat(command.exitCode()).isEqualTo(64);
        assertThat(command.err()).contains("Unknown option or argument: 'sedn'", "→ did you mean send?");
        assertThat(option.exitCode()).isEqualTo(64);
        assertThat(option.err()).contains("Option ou argument inconnu : « --dryrun »", "→ vouliez-vous dire --dry-run ?");
    }

    @Test
    void completionPrintsABashAndZshScriptKnowingEveryOption() {
        CliRun completion = CliRun.run(Map.of(), "completion");

        assertThat(completion.exitCode()).as(completion.err()).isZero();
        assertThat(completion.out()).startsWith("#!/usr/bin/env bash")
                .contains("complete -F _complete_bulletin -o default bulletin", "--dry-run", "--max-time", "--retry-failed",
                        "unsubscribe");
        assertThat(CliRun.run(Map.of(), "--help").out()).contains("completion  Print a completion script for bash and zsh");
    }

    @Test
    void helpNamesWhatEachOptionTakes() {
        assertThat(CliRun.run(Map.of(), "news", "new", "--help").out())
                .contains("--title=TITLE", "--place=PLACE").doesNotContain("<arg");
        assertThat(CliRun.run(Map.of(), "lists", "add", "--help").out())
                .contains("--name=NAME", "LIST                The list: recipients/LIST.csv.").doesNotContain("<arg");
        assertThat(CliRun.run(Map.of(), "lists", "unsubscribe", "--help").out())
                .contains("--reason=TEXT").doesNotContain("<arg");
    }

    @Test
    void maxTimeWithoutAUnitIsRefused() {
        CliRun bare = run(Map.of(), "send", "--month", "2022-08", "--dry-run", "--max-time", "50");
        CliRun minutes = run(Map.of(), "send", "--month", "2022-08", "--dry-run", "--max-time", "50m");

        assertThat(bare.exitCode()).isEqualTo(64);
        assertThat(bare.err()).contains("--max-time '50' is not a duration", "write it like 50m, 2h or 90s");
        assertThat(minutes.exitCode()).as(minutes.all()).isZero();
    }

    @Test
    void maxTimeAndTheSettingsTakeTheSameDurationsAndSayTheSameWhenOneIsWrong() throws Exception {
        CliRun spaced = run(Map.of(), "send", "--month", "2022-08", "--dry-run", "--max-time", "5 min");
        CliRun zero = run(Map.of(), "send", "--month", "2022-08", "--dry-run", "--max-time", "0m");
        CliRun wrong = run(Map.of(), "send", "--month", "2022-08", "--dry-run", "--max-time", "2x");
        Files.writeString(dir.resolve("bulletin.properties"), "\nsmtp.readTimeout=2x\n", StandardOpenOption.APPEND);
        CliRun setting = run(Map.of(), "send", "--month", "2022-08", "--dry-run");

        assertThat(spaced.exitCode()).as(spaced.all()).isZero();
        assertThat(zero.exitCode()).isEqualTo(64);
        assertThat(zero.err()).contains("--max-time must be more than zero");
        assertThat(wrong.exitCode()).isEqualTo(64);
        assertThat(wrong.err()).contains("--max-time '2x' is not a duration",
                "write it like 50m, 2h or 90s (units: ms, s, m or min, h, d)");
        assertThat(setting.exitCode()).isEqualTo(78);
        assertThat(setting.err()).contains("smtp.readTimeout '2x' is not a duration",
                "write it like 50m, 2h or 90s (units: ms, s, m or min, h, d)");
    }

    @Test
    void aLanguageBulletinDoesNotSpeakIsAUsageError() {
        CliRun unknown = CliRun.run(FRENCH, "--lang", "xx", "--workspace", dir.toString(), "preview");
        CliRun regional = CliRun.run(Map.of(), "--lang", "fr_ML", "--workspace", dir.toString(), "lists", "show");

        assertThat(unknown.exitCode()).isEqualTo(64);
        assertThat(unknown.err()).contains("valeur incorrecte pour --lang : « xx » ; bulletin parle fr (français) et en (anglais)");
        assertThat(regional.exitCode()).isZero();
        assertThat(regional.err()).contains("Atteint 34 personnes");
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void openSaysSoWhenNoBrowserCouldBeOpened() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path opener = Files.writeString(bin.resolve("xdg-open"), "#!/bin/sh\nexit 3\n");
        Files.setPosixFilePermissions(opener, PosixFilePermissions.fromString("rwxr-xr-x"));

        CliRun failed = run(Map.of("PATH", bin + ":/bin:/usr/bin", "DISPLAY", ":0"), "preview", "--open");
        CliRun none = run(Map.of("PATH", bin.toString()), "preview", "--open");

        assertThat(failed.exitCode()).isZero();
        assertThat(failed.err()).contains("Could not open a browser (xdg-open ended with exit code 3); open this in one: file:")
                .doesNotContain("Opened");
        assertThat(none.err()).as("no display").contains("No browser to open here; open this in one: file:");
    }

    @Test
    void aRefusedListEditIsBadData() {
        CliRun add = run(Map.of(), "lists", "add", "partners", "seydou.traore@example.org", "--field", "téléphone=+223");

        assertThat(add.exitCode()).isEqualTo(65);
        assertThat(add.err()).contains("the list partners has no column 'téléphone'");
    }
}
