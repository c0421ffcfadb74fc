package org.imrap.bulletin.cli;

import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --to partners,donors}: the lists a command addresses (every list by default). */
final class AudienceOption {
    @Option(names = "--to", paramLabel = "LISTS", split = ",",
            description = "The lists to address, separated by commas (default: every list in recipients/).")
    List<String> lists;

    Optional<List<String>> lists() {
        return Optional.ofNullable(lists);
    }
}
