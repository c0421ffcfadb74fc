package org.imrap.bulletin.bench;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.imrap.bulletin.compose.MessageBuilders;
import org.imrap.bulletin.config.BulletinSettings;
import org.imrap.bulletin.config.Workspace;
import org.imrap.bulletin.mail.MessageBuilder;
import org.imrap.bulletin.news.MonthOfNews;
import org.imrap.bulletin.news.NewsFolder;
import org.imrap.bulletin.recipients.Recipient;
import org.imrap.bulletin.render.BulletinRenderer;
import org.imrap.bulletin.render.RenderedMessage;
import org.imrap.bulletin.render.Templates;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Complete messages for one person after another, as a send makes them: the sample bulletin of the
 * workspace in {@code bench.workspace} (the project folder by default) rendered with its templates,
 * built into MIME, and written out as the SMTP connection writes it (to a counting stream here). The
 * JVM runs with the options of the ./bulletin launcher (serial GC, C1 only).
 * Started by bench/run; alone: see bench/README.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
    "-Djakarta.mail.util.StreamProvider=org.eclipse.angus.mail.util.MailStreamProvider"})
public class RenderBuildBenchmark {
    private MonthOfNews news;
    private BulletinRenderer renderer;
    private MessageBuilder builder;
    private int next;

    @Setup
    public void prepare() {
        Workspace workspace = new Workspace(Path.of(System.getProperty("bench.workspace", ".")).toAbsolutePath());
        BulletinSettings settings = BulletinSettings.load(workspace);
        news = new NewsFolder(workspace.newsDir()).select(Optional.empty());
        renderer = new BulletinRenderer(new Templates(workspace.templatesDir()), settings);
        builder = MessageBuilders.forWorkspace(workspace, settings, List.of(), Clock.systemUTC());
    }

    private Recipient nextPerson() {
        int i = next++;
        return new Recipient("lecteur" + i + "@example.org", "Lecteur " + i, "partners",
                Map.of("organisation", "Organisation " + (i % 97)));
    }

    /** Rendering the templates for one person: HTML, text and subject. */
    @Benchmark
    public RenderedMessage render() {
        return renderer.render(news, nextPerson());
    }

    /** Rendering, building and writing one person's whole message: the work a send does per person. */
    @Benchmark
    public long renderBuildWrite() throws IOException, MessagingException {
        Recipient person = nextPerson();
        MimeMessage message = builder.build(renderer.render(news, person), person, "bench");
        CountingStream out = new CountingStream();
        message.writeTo(out);
        return out.count;
    }

    /** Bytes written, nothing kept. */
    private static final class CountingStream extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
