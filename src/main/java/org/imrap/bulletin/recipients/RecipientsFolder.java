package org.imrap.bulletin.recipients;

import static org.imrap.bulletin.Text.t;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.imrap.bulletin.BadDataException;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.ExitCode;
import org.imrap.bulletin.Problem;
import org.imrap.bulletin.io.SpreadsheetCell;

/**
 * The {@code recipients/} folder: every {@code NAME.csv} in it is the list NAME, except
 * {@value #SUPPRESSION_FILE}, the suppression list that applies to every list.
 */
public final class RecipientsFolder {
    public static final String SUPPRESSION_FILE = "unsubscribed.csv";

    private final Path dir;

    public RecipientsFolder(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** The names of every list, in alphabetical order. */
    public List<String> listNames() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<String> names = files.filter(RecipientsFolder::isList).map(ListFile::nameOf).sorted().toList();
            for (String name : names) {
                if (SpreadsheetCell.looksLikeFormula(name)) {
                    // The list's name goes into the journal and the reports staff open in a spreadsheet.
                    throw new BadDataException(t("lists.formulaName", name), List.of(Problem.wholeFile(dir.resolve(name + ".csv"),
                            t("lists.formulaName.why"))), t("lists.formulaName.hint"));
                }
            }
            return names;
        } catch (IOException e) {
            throw new BulletinException(ExitCode.NO_INPUT, t("folder.unreadable", dir, e.getMessage()), null);
        }
    }

    private static boolean isList(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".csv") && !name.startsWith(".") && !name.equals(SUPPRESSION_FILE)
                && Files.isRegularFile(file);
    }

    public ListFile list(String name) {
        return new ListFile(dir.resolve(name + ".csv"));
    }

    public SuppressionList suppression() {
        return new SuppressionList(dir.resolve(SUPPRESSION_FILE));
    }

    /**
     * The lists named (all of them when {@code names} is empty), in the order given; an unknown
     * name is a usage error that names the lists there are.
     */
    public List<ListFile> select(Optional<List<String>> names) {
        List<String> existing = listNames();
        if (names.isEmpty()) {
            return existing.stream().map(this::list).toList();
        }
        List<ListFile> chosen = new ArrayList<>();
        for (String name : names.get()) {
            String trimmed = name.strip();
            if (trimmed.equals(ListFile.nameOf(Path.of(SUPPRESSION_FILE)))) {
                throw new BulletinException(ExitCode.USAGE, t("lists.isSuppression", trimmed),
                        t("lists.chooseAmong", String.join(", ", existing)));
            }
            if (!existing.contains(trimmed)) {
                throw new BulletinException(ExitCode.USAGE, t("lists.noList", trimmed, dir),
                        existing.isEmpty() ? t("lists.createOne") : t("lists.chooseAmong", String.join(", ", existing)));
            }
            if (chosen.stream().noneMatch(list -> list.name().equals(trimmed))) {
                chosen.add(list(trimmed));
            }
        }
        return chosen;
    }
}
