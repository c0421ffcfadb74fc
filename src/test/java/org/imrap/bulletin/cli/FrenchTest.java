package org.imrap.bulletin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.imrap.bulletin.SampleWorkspace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With LANG=fr_* or --lang fr, everything bulletin prints is in French; English otherwise. */
class FrenchTest {
    private static final Map<String, String> FRENCH = Map.of("LANG", "fr_ML.UTF-8");
    private static final Map<String, String> ENGLISH = Map.of("LANG", "en_US.UTF-8");

    @TempDir
    Path dir;

    @BeforeEach
    void copySample() {
        SampleWorkspace.copyTo(dir);
    }

    @Test
    void helpIsInFrenchForAFrenchLocaleOrLangFr() {
        CliRun top = CliRun.run(FRENCH, "--help");
        assertThat(top.exitCode()).isZero();
        assertThat(top.out()).contains("Utilisation : bulletin", "Le bulletin mensuel d'information de l'IMRAP",
                "Commandes :", "Afficher cette aide et quitter.");

        CliRun send = CliRun.run(ENGLISH, "send", "--help", "--lang", "fr");
        assertThat(send.out()).contains("Envoyer le bulletin d'un mois", "--dry-run", "Afficher le plan et préparer chaque message");

        CliRun english = CliRun.run(ENGLISH, "send", "--help");
        assertThat(english.out()).contains("Send a month's bulletin", "Usage:").doesNotContain("Envoyer");
    }

    @Test
    void errorsAreInFrenchWithTheSameExitCodes() {
        CliRun noNews = CliRun.run(FRENCH, "--workspace", dir.toString(), "send", "--month", "2023-01");
        assertThat(noNews.exitCode()).isEqualTo(66);
        assertThat(noNews.err()).contains("bulletin: aucune actualité datée de 2023-01 dans",
                "→ mois qui ont des actualités : 2022-08 ; choisissez-en un avec --month");

        CliRun usage = CliRun.run(FRENCH, "--workspace", dir.toString(), "preview", "--couleur");
        assertThat(usage.exitCode()).isEqualTo(64);
        assertThat(usage.err()).contains("Option ou argument inconnu : « --couleur »", "voir « bulletin preview --help »");

        CliRun month = CliRun.run(FRENCH, "--workspace", dir.toString(), "preview", "--month", "août");
        assertThat(month.exitCode()).isEqualTo(64);
        assertThat(month.err()).contains("« août » n'est pas un mois");
    }

    @Test
    void thePlanTheSummaryAndTheRunReportAreInFrench() throws Exception {
        Files.writeString(dir.resolve("bulletin.properties"), "\nreport.to=communication@imrap-mali.org\n",
                StandardOpenOption.APPEND);

        CliRun run = CliRun.run(FRENCH, "--workspace", dir.toString(), "send", "--month", "2022-08");

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.err()).contains("Campagne 2022-08 : « Bulletin d'information de l'IMRAP – août 2022 »",
                "via le bac à sable intégré (rien ne quitte cette machine)",
                "Atteint 34 personnes (authorities 12, donors 12, partners 10) ; 1 sur plusieurs listes, 1 désabonné",
                "Déjà envoyé dans cette campagne : 0 ; reste à envoyer : 34",
                "envoyés 34/34");
        assertThat(run.out()).contains("Envoyés 34, en échec 0, reportés 0 ; 0 l'avait déjà ; 1 désabonné (non envoyé).",
                "Tous les destinataires ont reçu le bulletin.");
        try (var in = Files.newInputStream(dir.resolve("out/sandbox/2022-08/report-communication@imrap-mali.org.eml"))) {
            var report = new jakarta.mail.internet.MimeMessage(
                    jakarta.mail.Session.getInstance(new java.util.Properties()), in);
            assertThat(report.getSubject()).isEqualTo("[bulletin] 2022-08 : 34 envoyés, 0 en échec, 0 reporté");
            assertThat((String) report.getContent()).contains("Suite : rien ; cette campagne est terminée.");
        }

        CliRun again = CliRun.run(FRENCH, "--workspace", dir.toString(), "send", "--month", "2022-08");
        assertThat(again.out().strip()).isEqualTo("Rien à envoyer : tous les destinataires ont déjà le bulletin 2022-08 (34).");
    }

    @Test
    void listsAndPreviewSpeakFrenchToo() {
        CliRun check = CliRun.run(FRENCH, "--workspace", dir.toString(), "lists", "check");
        assertThat(check.exitCode()).isZero();
        assertThat(check.out()).contains("liste", "lignes", "valides", "Personnes distinctes atteintes : 34",
                "Sur plusieurs listes (un seul message chacun, par la première liste nommée) :");

        CliRun preview = CliRun.run(FRENCH, "--workspace", dir.toString(), "preview");
        assertThat(preview.err()).contains("Aperçu du bulletin 2022-08 (août 2022) : 3 actualités, préparé pour",
                "de la liste authorities");

        CliRun english = CliRun.run(ENGLISH, "--workspace", dir.toString(), "preview");
        assertThat(english.err()).contains("Preview of the 2022-08 bulletin (août 2022): 3 news items");
    }
}
