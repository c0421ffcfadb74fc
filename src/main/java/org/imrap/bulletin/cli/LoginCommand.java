package org.imrap.bulletin.cli;

import static org.imrap.bulletin.Text.t;

import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.imrap.bulletin.oauth.LoginOperator;
import org.imrap.bulletin.oauth.LoginRequest;
import org.imrap.bulletin.oauth.LoginResult;
import org.imrap.bulletin.oauth.LoginService;
import org.imrap.bulletin.oauth.Provider;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bulletin login}: signs in once with OAuth2 for {@code smtp.auth=oauth2} and {@code inbox.auth=oauth2}. */
@Command(name = "login", sortOptions = false, mixinStandardHelpOptions = true)
final class LoginCommand extends BaseCommand implements Callable<Integer> {
    static final Duration BROWSER_TIMEOUT = Duration.ofMinutes(5);

    @ArgGroup(exclusive = true)
    Way way;

    static final class Way {
        @Option(names = "--device", required = true)
        boolean device;

        @Option(names = "--browser", required = true)
        boolean browser;
    }

    @Override
    public Integer call() {
        Optional<Provider.Flow> flow = way == null ? Optional.empty()
                : Optional.of(way.device ? Provider.Flow.DEVICE : Provider.Flow.BROWSER);
        PrintWriter err = err();
        LoginResult result = new LoginService(parent.clock).login(
                new LoginRequest(parent.workspace(), flow, parent.env, BROWSER_TIMEOUT), new LoginOperator() {
                    @Override
                    public void say(String line) {
                        err.println(line);
                        err.flush();
                    }

                    @Override
                    public void open(URI address) {
                        if (Browser.tryOpen(address.toString(), parent.env)) {
                            say(t("login.browser.opened"));
                        }
                    }

                    @Override
                    public void sleep(Duration duration) throws InterruptedException {
                        Thread.sleep(duration.toMillis());
                    }
                });
        PrintWriter out = out();
        out.println(t("login.done", result.provider(), result.tokenFile()));
        if (!result.refreshable()) {
            out.println(t("login.noRefresh", result.expiresAt()));
        }
        if (result.unused()) {
            out.println(t("login.unused"));
        }
        out.flush();
        return 0;
    }
}
