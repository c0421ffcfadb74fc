package org.imrap.bulletin.send;

import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.imrap.bulletin.config.SmtpSettings;
import org.imrap.bulletin.config.Workspace;

/**
 * What to send, to whom, and how. Built with {@link #builder}, which names each value; what is not set
 * is the default of {@code bulletin send} without that option.
 *
 * @param month        the month of news (default: the settings' choice, the month before)
 * @param lists        the lists to send to (default: every list)
 * @param testTo       with {@link SendMode#TEST}: the address the one test message goes to
 * @param limit        send at most this many messages in this run
 * @param campaign     the journal's name (default: the month, {@code 2022-08})
 * @param allowChanged send even though the bulletin changed since earlier sends in the campaign
 * @param retryFailed  send again to people whose last outcome was a permanent failure
 * @param confirmed    {@code --yes}: no question before a real send
 * @param smtp         SMTP settings given on the command line
 * @param env          the process environment (BULLETIN_SMTP_* variables)
 * @param debugSmtp    show the SMTP conversation (never the password)
 * @param attach       files to attach besides those of bulletin.properties
 * @param maxTime      stop cleanly once the run has lasted this long (before the next cron slot)
 */
public record SendRequest(Workspace workspace, Optional<YearMonth> month, Optional<List<String>> lists, SendMode mode,
                          Optional<String> testTo, OptionalInt limit, Optional<String> campaign, boolean allowChanged,
                          boolean retryFailed, boolean confirmed, SmtpSettings.Overrides smtp, Map<String, String> env,
                          boolean debugSmtp, List<Path> attach, Optional<Duration> maxTime) {

    /** A request to send in {@code mode} from {@code workspace}; every other value is set by name. */
    public static Builder builder(Workspace workspace, SendMode mode) {
        return new Builder(workspace, mode);
    }

    /** The values of a request, each set by name; see the record's components for what they mean. */
    public static final class Builder {
        private final Workspace workspace;
        private final SendMode mode;
        private Optional<YearMonth> month = Optional.empty();
        private Optional<List<String>> lists = Optional.empty();
        private Optional<String> testTo = Optional.empty();
        private OptionalInt limit = OptionalInt.empty();
        private Optional<String> campaign = Optional.empty();
        private boolean allowChanged;
        private boolean retryFailed;
        private boolean confirmed;
        private SmtpSettings.Overrides smtp = SmtpSettings.Overrides.NONE;
        private Map<String, String> env = Map.of();
        private boolean debugSmtp;
        private List<Path> attach = List.of();
        private Optional<Duration> maxTime = Optional.empty();

        private Builder(Workspace workspace, SendMode mode) {
            this.workspace = workspace;
            this.mode = mode;
        }

        public Builder month(Optional<YearMonth> month) {
            this.month = month;
            return this;
        }

        public Builder lists(Optional<List<String>> lists) {
            this.lists = lists;
            return this;
        }

        public Builder testTo(Optional<String> testTo) {
            this.testTo = testTo;
            return this;
        }

        public Builder limit(OptionalInt limit) {
            this.limit = limit;
            return this;
        }

        public Builder campaign(Optional<String> campaign) {
            this.campaign = campaign;
            return this;
        }

        public Builder allowChanged(boolean allowChanged) {
            this.allowChanged = allowChanged;
            return this;
        }

        public Builder retryFailed(boolean retryFailed) {
            this.retryFailed = retryFailed;
            return this;
        }

        public Builder confirmed(boolean confirmed) {
            this.confirmed = confirmed;
            return this;
        }

        public Builder smtp(SmtpSettings.Overrides smtp) {
            this.smtp = smtp;
            return this;
        }

        public Builder env(Map<String, String> env) {
            this.env = env;
            return this;
        }

        public Builder debugSmtp(boolean debugSmtp) {
            this.debugSmtp = debugSmtp;
            return this;
        }

        public Builder attach(List<Path> attach) {
            this.attach = attach;
            return this;
        }

        public Builder maxTime(Optional<Duration> maxTime) {
            this.maxTime = maxTime;
            return this;
        }

        public SendRequest build() {
            return new SendRequest(workspace, month, lists, mode, testTo, limit, campaign, allowChanged, retryFailed,
                    confirmed, smtp, env, debugSmtp, attach, maxTime);
        }
    }
}
