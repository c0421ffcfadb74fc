package org.imrap.bulletin.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainedFileTest {
    @TempDir
    Path workspace;
    @TempDir
    Path elsewhere;

    @Test
    void aLinkThatLeadsOutOfItsFolderIsRefusedWithWhereItLeads() throws Exception {
        Path secret = Files.writeString(elsewhere.resolve("shadow"), "secret");
        Path link = Files.createSymbolicLink(Files.createDirectories(workspace.resolve("templates")).resolve("logo.png"),
                secret);

        assertThatThrownBy(() -> ContainedFile.realPath(link, ContainedFile.Use.IMAGE, List.of(workspace)))
                .isInstanceOfSatisfying(BulletinException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.DATA_ERROR);
                    assertThat(e.getMessage()).contains(link.toString(), secret.toString());
                    assertThat(e.hint()).hasValue("copy the image into templates/ instead of linking to it");
                });
        assertThat(ContainedFile.within(link, List.of(workspace))).isEmpty();
    }

    @Test
    void aLinkedFolderInsideAFolderCannotLeadOutEither() throws Exception {
        Files.writeString(elsewhere.resolve("passwd"), "secret");
        Path folder = Files.createSymbolicLink(workspace.resolve("photos"), elsewhere);

        assertThatThrownBy(() -> ContainedFile.realPath(folder.resolve("passwd"), ContainedFile.Use.TEMPLATE,
                List.of(workspace))).isInstanceOf(BulletinException.class);
    }

    @Test
    void aLinkToAnotherFileInsideIsItsTarget() throws Exception {
        Path target = Files.writeString(workspace.resolve("logo-2022.png"), "png");
        Path link = Files.createSymbolicLink(workspace.resolve("logo.png"), Path.of("logo-2022.png"));

        assertThat(ContainedFile.realPath(link, ContainedFile.Use.IMAGE, List.of(workspace)))
                .isEqualTo(target.toRealPath());
    }

    @Test
    void aRootThatIsItselfALinkCountsWhereItLeads() throws Exception {
        Path templates = Files.createDirectories(elsewhere.resolve("templates"));
        Path logo = Files.writeString(templates.resolve("logo.png"), "png");
        Path linkedRoot = Files.createSymbolicLink(workspace.resolve("templates"), templates);

        assertThat(ContainedFile.realPath(linkedRoot.resolve("logo.png"), ContainedFile.Use.IMAGE,
                List.of(workspace, linkedRoot))).isEqualTo(logo.toRealPath());
    }

    @Test
    void anAttachmentNamedOutsideTheWorkspaceMayLeadAnywhere() throws Exception {
        Path report = Files.writeString(Files.createDirectories(elsewhere.resolve("docs")).resolve("rapport.pdf"), "pdf");
        Path link = Files.createSymbolicLink(elsewhere.resolve("rapport.pdf"), report);

        assertThat(ContainedFile.attachment(link, List.of(workspace))).isEqualTo(report.toRealPath());
    }

    @Test
    void anAttachmentNamedInsideTheWorkspaceMustNotLeadOut() throws Exception {
        Path report = Files.writeString(elsewhere.resolve("rapport.pdf"), "pdf");
        Path link = Files.createSymbolicLink(workspace.resolve("rapport.pdf"), report);
        String real = report.toRealPath().toString();

        assertThatThrownBy(() -> ContainedFile.attachment(link, List.of(workspace)))
                .isInstanceOfSatisfying(BulletinException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.DATA_ERROR);
                    assertThat(e.hint()).hasValueSatisfying(hint -> assertThat(hint).contains("--attach " + real));
                });
    }

    @Test
    void aFolderThatDoesNotExistHoldsNothing() throws Exception {
        Path file = Files.writeString(workspace.resolve("x.png"), "png");

        assertThat(ContainedFile.within(file, List.of(workspace.resolve("news")))).isEmpty();
        assertThat(ContainedFile.within(file, List.of(workspace.resolve("news"), workspace))).contains(file.toRealPath());
    }
}
