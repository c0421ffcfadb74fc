package org.imrap.bulletin.send;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.imrap.bulletin.SampleWorkspace;
import org.imrap.bulletin.cli.CliRun;
import org.imrap.bulletin.io.LogReader;
import org.imrap.bulletin.journal.JournalRow;

/** A copy of the sample workspace that sends to a server on 127.0.0.1, and ways to read what happened. */
final class SendFixture {
    /** The sample lists reach 34 people (one is unsubscribed, one is on two lists). */
    static final int SAMPLE_AUDIENCE = 34;

    final Path dir;
    final int port;

    SendFixture(Path dir, int port, String... settings) {
        this.dir = dir;
        this.port = port;
        SampleWorkspace.copyTo(dir);
        addSettings("send.retryDelay=0s", "smtp.readTimeout=5s", "smtp.connectTimeout=5s");
        addSettings(settings);
    }

    void addSettings(String... lines) {
        try {
            Files.writeString(dir.resolve("bulletin.properties"), "\n" + String.join("\n", lines) + "\n",
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces the lists with one list, {@code partners}, of {@code count} generated people. */
    void generatedList(int count) {
        try (var files = Files.list(dir.resolve("recipients"))) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.delete(file);
            }
            StringBuilder csv = new StringBuilder("email,name\n");
            for (int i = 1; i <= count; i++) {
                csv.append(String.format("personne%03d@example.org,Personne %d Diarra%n", i, i));
            }
            Files.writeString(dir.resolve("recipients/partners.csv"), csv);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code bulletin --workspace DIR send --smtp-host 127.0.0.1 --smtp-port PORT --smtp-security none ARGS}. */
    CliRun send(String... args) {
        return send(Map.of(), args);
    }

    CliRun send(Map<String, String> env, String... args) {
        return CliRun.run(env, arguments(args).toArray(String[]::new));
    }

    /** A send on a given day: {@code --month} as the caller gives it. */
    CliRun sendOn(java.time.Clock clock, String... args) {
        List<String> all = new ArrayList<>(List.of("--workspace", dir.toString(), "send",
                "--smtp-host", "127.0.0.1", "--smtp-port", String.valueOf(port), "--smtp-security", "none"));
        all.addAll(List.of(args));
        return CliRun.run(Map.of(), clock, all.toArray(String[]::new));
    }

    List<String> arguments(String... args) {
        List<String> all = new ArrayList<>(List.of("--workspace", dir.toString(), "send", "--month", "2022-08",
                "--smtp-host", "127.0.0.1", "--smtp-port", String.valueOf(port), "--smtp-security", "none"));
        all.addAll(List.of(args));
        return all;
    }

    Path journal() {
        return dir.resolve("journal/2022-08.csv");
    }

    /** The journal's complete rows (a row a crash cut short is not one), each as its values. */
    List<List<String>> journalRows() {
        if (!Files.exists(journal())) {
            return List.of();
        }
        List<List<String>> rows = new ArrayList<>();
        LogReader.read(journal(), JournalRow.HEADER, LogReader.timedRow(JournalRow.HEADER.size()),
                (line, values) -> rows.add(values));
        return rows;
    }

    /** email → status, for every journal row in order. */
    List<String> journalStatuses() {
        return journalRows().stream().map(row -> row.get(3) + " " + row.get(4)).toList();
    }
}
