package org.imrap.bulletin.cli;

import static org.imrap.bulletin.Text.t;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.DurationText;
import org.imrap.bulletin.ExitCode;
import org.imrap.bulletin.ValueSyntaxException;
import org.imrap.bulletin.send.SendMode;
import org.imrap.bulletin.send.SendRequest;
import org.imrap.bulletin.send.SendService;
import org.imrap.bulletin.send.SendSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bulletin send}: sends the bulletin, each person once per campaign, journaling every outcome. */
@Command(name = "send", sortOptions = false, mixinStandardHelpOptions = true)
final class SendCommand extends BaseCommand implements Callable<Integer> {

    @Mixin
    MonthOption month;

    @Mixin
    AudienceOption audience;

    @Option(names = "--dry-run")
    boolean dryRun;

    @Option(names = "--test-to", paramLabel = "EMAIL")
    String testTo;

    @Option(names = "--yes")
    boolean yes;

    @Option(names = "--limit", paramLabel = "N")
    Integer limit;

    @Option(names = "--campaign", paramLabel = "NAME")
    String campaign;

    @Option(names = "--allow-changed")
    boolean allowChanged;

    @Option(names = "--retry-failed")
    boolean retryFailed;

    @Mixin
    SmtpOptions smtp;

    @Option(names = "--attach", paramLabel = "FILE")
    java.util.List<java.nio.file.Path> attach = new java.util.ArrayList<>();

    @Option(names = "--max-time", paramLabel = "DURATION")
    String maxTime;

    @Mixin
    OutputOptions output;

    @Option(names = "--debug-smtp")
    boolean debugSmtp;

    @Override
    public Integer call() {
        if (dryRun && testTo != null) {
            throw new BulletinException(ExitCode.USAGE, t("send.dryRunAndTest"), t("send.dryRunAndTest.hint"));
        }
        if (limit != null && limit < 0) {
            throw new BulletinException(ExitCode.USAGE, t("send.limit"), null);
        }
        SendMode mode = dryRun ? SendMode.DRY_RUN : testTo != null ? SendMode.TEST : SendMode.SEND;
        SendRequest request = SendRequest.builder(parent.workspace(), mode)
                .month(month.month(parent.clock))
                .lists(audience.lists())
                .testTo(Optional.ofNullable(testTo))
                .limit(limit == null ? OptionalInt.empty() : OptionalInt.of(limit))
                .campaign(Optional.ofNullable(campaign))
                .allowChanged(allowChanged)
                .retryFailed(retryFailed)
                .confirmed(yes)
                .smtp(smtp.overrides())
                .env(parent.env)
                .debugSmtp(debugSmtp)
                .attach(attach)
                .maxTime(maxTime())
                .build();
        return output.run(printed -> {
            SendSummary summary = new SendService(parent.clock, duration -> Thread.sleep(duration.toMillis()))
                    .send(request, printed.operator());
            SendText.summary(summary).forEach(printed.out()::println);
            return summary.exitCode().code();
        });
    }

    private Optional<java.time.Duration> maxTime() {
        if (maxTime == null) {
            return Optional.empty();
        }
        java.time.Duration duration;
        try {
            // A bare number is refused: 50 meant as minutes would stop a run after 50 seconds.
            duration = DurationText.parse(maxTime, DurationText.BareNumber.REFUSED);
        } catch (ValueSyntaxException e) {
            throw new BulletinException(ExitCode.USAGE, t("duration.bad", "--max-time", maxTime), t("duration.hint"));
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new BulletinException(ExitCode.USAGE, t("duration.positive", "--max-time"), t("duration.hint"));
        }
        return Optional.of(duration);
    }
}
