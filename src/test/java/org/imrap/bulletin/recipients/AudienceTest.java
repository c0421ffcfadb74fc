package org.imrap.bulletin.recipients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.ExitCode;
import org.imrap.bulletin.SampleWorkspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AudienceTest {
    @TempDir
    Path dir;

    private List<Recipient> people;

    private AudienceReport read(Optional<List<String>> lists) {
        people = new ArrayList<>();
        return Audience.of(new RecipientsFolder(dir), lists).read(people::add);
    }

    @Test
    void aPersonOnSeveralListsGetsOneMessageThroughTheFirstList() {
        SampleWorkspace.write(dir.resolve("donors.csv"), "email,name\nawa.traore@example.org,Awa Traoré\n");
        SampleWorkspace.write(dir.resolve("partners.csv"),
                "email,name\nAWA.TRAORE@example.org,Awa\nmoussa.keita@example.org,Moussa\n");

        AudienceReport report = read(Optional.empty());

        assertThat(people).extracting(Recipient::email, Recipient::list)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("awa.traore@example.org", "donors"),
                        org.assertj.core.groups.Tuple.tuple("moussa.keita@example.org", "partners"));
        assertThat(report.reached()).isEqualTo(2);
        assertThat(report.onSeveralLists()).containsExactly(Map.entry("awa.traore@example.org", List.of("donors", "partners")));
        assertThat(report.lists().get(1).onEarlierList()).isEqualTo(1);
    }

    @Test
    void theSuppressionListAppliesToEveryListAlways() {
        SampleWorkspace.write(dir.resolve("donors.csv"), "email\nawa.traore@example.org\n");
        SampleWorkspace.write(dir.resolve("partners.csv"), "email\nAwa.Traore@Example.org\nmoussa.keita@example.org\n");
        SampleWorkspace.write(dir.resolve("unsubscribed.csv"), "email,date,reason\nawa.traore@example.org,2022-06-01,demande\n");

        AudienceReport report = read(Optional.empty());

        assertThat(people).extracting(Recipient::email).containsExactly("moussa.keita@example.org");
        assertThat(report.suppressed()).isEqualTo(1);
        assertThat(report.lists()).extracting(ListCount::suppressed).containsExactly(1, 1);
        assertThat(report.lists()).extracting(ListCount::name).containsExactly("donors", "partners");
    }

    @Test
    void toChoosesListsInTheOrderGivenAndRefusesUnknownOnes() {
        SampleWorkspace.write(dir.resolve("donors.csv"), "email\nawa.traore@example.org\n");
        SampleWorkspace.write(dir.resolve("partners.csv"), "email\nawa.traore@example.org\n");

        read(Optional.of(List.of("partners", "donors")));
        assertThat(people).extracting(Recipient::list).containsExactly("partners");

        assertThatThrownBy(() -> read(Optional.of(List.of("partenaires"))))
                .isInstanceOfSatisfying(BulletinException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
                    assertThat(e.getMessage()).contains("no list 'partenaires'");
                    assertThat(e.hint()).hasValue("choose among: donors, partners");
                });
        assertThatThrownBy(() -> read(Optional.of(List.of("unsubscribed"))))
                .isInstanceOf(BulletinException.class).hasMessageContaining("suppression list");
    }

    @Test
    void theSampleListsAreClean() {
        SampleWorkspace.copyTo(dir);
        people = new ArrayList<>();
        AudienceReport report = Audience.of(new RecipientsFolder(dir.resolve("recipients")), Optional.empty())
                .read(people::add);

        assertThat(report.problems()).isEmpty();
        assertThat(report.warnings()).isEmpty();
        assertThat(report.lists()).extracting(ListCount::name).containsExactly("authorities", "donors", "partners");
        assertThat(report.lists()).allSatisfy(list -> assertThat(list.rows()).isBetween(10, 15));
        assertThat(people).allSatisfy(person -> assertThat(person.email()).matches(".*@example\\.(org|net)"));
        assertThat(people.size()).isEqualTo(report.reached());
    }
}
