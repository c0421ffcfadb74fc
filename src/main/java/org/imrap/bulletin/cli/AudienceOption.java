package org.imrap.bulletin.cli;

import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --to partners,donors}: the lists a command addresses (every list by default). */
final class AudienceOption {
    @Option(names = "--to", paramLabel = "LISTS", split = ",")
    List<String> lists;

    Optional<List<String>> lists() {
        return Optional.ofNullable(lists);
    }
}
