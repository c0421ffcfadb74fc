package org.imrap.bulletin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.imrap.bulletin.SampleWorkspace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lists as French offices keep them in Excel: their column names, read for email, name and organisation. */
class SpreadsheetColumnsTest {
    private static final Map<String, String> FRENCH = Map.of("LANG", "fr_ML.UTF-8");

    @TempDir
    Path dir;
    Path recipients;

    @BeforeEach
    void oneListOfOnesOwn() throws IOException {
        SampleWorkspace.copyTo(dir);
        recipients = dir.resolve("recipients");
        for (String list : new String[] {"partners", "donors", "authorities"}) {
            Files.delete(recipients.resolve(list + ".csv"));
        }
    }

    private void list(String name, String content) throws IOException {
        Files.writeString(recipients.resolve(name + ".csv"), content, StandardCharsets.UTF_8);
    }

    @Test
    void excelsFrenchColumnsGiveTheEmailTheNameAndTheOrganisationAndSayWhichWasUsed() throws IOException {
        list("partenaires", "\uFEFFPrénom;Nom;Adresse E-mail;Structure;Téléphone\n"
                + "Awa;Traoré;awa.traore@example.org;ONG Kènè;+223 20 22 18 48\n");

        CliRun check = CliRun.inWorkspace(dir, Map.of(), "lists", "check");

        assertThat(check.exitCode()).as(check.all()).isZero();
        assertThat(check.out()).contains("Distinct people reached: 1",
                "partenaires: email ← 'Adresse E-mail'; name ← 'Prénom' + 'Nom'; organisation ← 'Structure'");

        CliRun french = CliRun.inWorkspace(dir, FRENCH, "lists", "check");
        assertThat(french.out()).contains(
                "partenaires : email ← « Adresse E-mail » ; name ← « Prénom » + « Nom » ; organisation ← « Structure »");
    }

    @Test
    void theTemplatesGetTheCanonicalNamesAndTheColumnsOwnNames() throws IOException {
        list("partenaires", "Courriel,Prénom,Nom,Institution\nawa.traore@example.org,Awa,Traoré,ONG Kènè\n");
        Files.writeString(dir.resolve("bulletin.properties"),
                "\ngreeting=Bonjour {{recipient.name}} ({{recipient.organisation}}, {{recipient.Courriel}}),\n",
                StandardOpenOption.APPEND);

        CliRun preview = CliRun.inWorkspace(dir, Map.of(), "preview");

        assertThat(preview.exitCode()).as(preview.all()).isZero();
        assertThat(preview.err()).contains("rendered for Awa Traoré <awa.traore@example.org> of the list partenaires");
        assertThat(Files.readString(dir.resolve("out/preview/bulletin.txt")))
                .contains("Bonjour Awa Traoré (ONG Kènè, awa.traore@example.org),");
    }

    @Test
    void columnNamesAreReadWithoutRegardToCaseOrAccents() throws IOException {
        String[][] headers = {
            {"E-mail", "Nom"}, {"COURRIEL", "NOM COMPLET"}, {"mail", "nom"}, {"Adresse e-mail", "Name"},
            {"adresse E-MAIL", "prénom"}, {"Email", "Prenom"},
        };
        for (String[] header : headers) {
            list("bureau", header[0] + ";" + header[1] + ";organisation\nawa.traore@example.org;Awa Traoré;ONG Kènè\n");

            CliRun show = CliRun.inWorkspace(dir, Map.of(), "lists", "show");

            assertThat(show.exitCode()).as(String.join(",", header) + ": " + show.all()).isZero();
            assertThat(show.err()).as(String.join(",", header)).contains("Reaches 1 person (bureau 1)");
        }
    }

    @Test
    void aListWithoutAnEmailColumnNamesTheColumnsItFound() throws IOException {
        list("contacts", "Nom,Téléphone,Ville\nAwa Traoré,+223 20 22 18 48,Bamako\n");

        CliRun check = CliRun.inWorkspace(dir, Map.of(), "lists", "check");

        assertThat(check.exitCode()).isEqualTo(65);
        assertThat(check.out()).contains("(no email column)",
                "recipients/contacts.csv:1: no column of email addresses; the columns are: Nom, Téléphone, Ville")
                .doesNotContain("unreadable");

        CliRun french = CliRun.inWorkspace(dir, FRENCH, "lists", "check");
        assertThat(french.out()).contains("(pas de colonne email)",
                "pas de colonne d'adresses e-mail ; les colonnes sont : Nom, Téléphone, Ville")
                .doesNotContain("illisible");

        CliRun send = CliRun.inWorkspace(dir, Map.of(), "send", "--month", "2022-08");
        assertThat(send.exitCode()).isEqualTo(65);
        assertThat(send.err()).contains("a recipient list cannot be used", "no column of email addresses")
                .doesNotContain("cannot be read");
    }

    @Test
    void editsWriteIntoTheColumnsReadAsEmailNameAndOrganisation() throws IOException {
        list("partenaires", "Courriel;Nom complet;Structure\nawa.traore@example.org;Awa Traoré;ONG Kènè\n");

        CliRun add = CliRun.inWorkspace(dir, Map.of(), "lists", "add", "partenaires", "moussa.keita@example.org",
                "--name", "Moussa Keïta", "--field", "organisation=Association Benkadi");
        CliRun remove = CliRun.inWorkspace(dir, Map.of(), "lists", "remove", "partenaires", "awa.traore@example.org");

        assertThat(add.exitCode()).as(add.all()).isZero();
        assertThat(remove.exitCode()).as(remove.all()).isZero();
        assertThat(Files.readString(recipients.resolve("partenaires.csv")))
                .isEqualTo("Courriel;Nom complet;Structure\nmoussa.keita@example.org;Moussa Keïta;Association Benkadi\n");
    }
}
