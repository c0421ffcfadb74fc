package org.imrap.bulletin.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.imrap.bulletin.ExitCode;
import org.imrap.bulletin.config.Security;
import org.imrap.bulletin.config.SmtpSettings;
import org.junit.jupiter.api.Test;

/** Whether the account may send as the bulletin's sender, told before the first message is rewritten or refused. */
class SenderAccountTest {
    private static final String SENDER = "bulletin@imrap-mali.org";

    @Test
    void aGmailAccountSendingAsTheOrganisationsAddressIsWarnedThatTheFromIsRewritten() {
        CheckRun run = new CheckRun();

        ExitCode code = SenderAccount.check(smtp("smtp.gmail.com", "imrap.bulletin@gmail.com"), SENDER, new Progress(run));

        assertThat(code).isEqualTo(ExitCode.OK);
        assertThat(run.step("sender").outcome()).isEqualTo(Outcome.WARNING);
        assertThat(run.step("sender").detail()).isEqualTo("imrap.bulletin@gmail.com is a Gmail account: Gmail replaces "
                + "the From bulletin@imrap-mali.org with imrap.bulletin@gmail.com on every message");
        assertThat(run.step("sender").hint().orElse("")).contains("Send mail as");
    }

    @Test
    void anOutlookComAccountSendingAsAnotherDomainFailsAsSendWouldWithPermanentFailures() {
        CheckRun run = new CheckRun();

        ExitCode code = SenderAccount.check(smtp("smtp-mail.outlook.com", "imrap@outlook.com"), SENDER, new Progress(run));

        assertThat(code).isEqualTo(ExitCode.DATA_ERROR);
        assertThat(run.step("sender").outcome()).isEqualTo(Outcome.FAILED);
        assertThat(run.step("sender").detail()).contains("Outlook.com refuses to send as bulletin@imrap-mali.org", "SendAsDenied");
    }

    @Test
    void anotherMailboxOfTheDomainAtMicrosoft365NeedsSendAsAndTheAccountItselfIsFine() {
        CheckRun other = new CheckRun();
        SenderAccount.check(smtp("smtp.office365.com", "communication@imrap-mali.org"), SENDER, new Progress(other));
        assertThat(other.step("sender").outcome()).isEqualTo(Outcome.WARNING);
        assertThat(other.step("sender").hint().orElse("")).contains("Send As");

        CheckRun same = new CheckRun();
        SenderAccount.check(smtp("smtp.office365.com", "Bulletin@imrap-mali.org"), SENDER, new Progress(same));
        assertThat(same.step("sender").outcome()).isEqualTo(Outcome.OK);

        CheckRun plainName = new CheckRun();
        SenderAccount.check(smtp("mail.imrap-mali.org", "imrap"), SENDER, new Progress(plainName));
        assertThat(plainName.steps).isEmpty();
    }

    private static SmtpSettings smtp(String host, String username) {
        return new SmtpSettings(host, 587, Security.STARTTLS, Optional.of(username), Optional.empty(),
                Duration.ofSeconds(15), Duration.ofSeconds(60), Duration.ofSeconds(60));
    }
}
