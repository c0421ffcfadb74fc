package org.imrap.bulletin.preview.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.imrap.bulletin.BulletinException;
import org.imrap.bulletin.ExitCode;
import org.imrap.bulletin.SampleWorkspace;
import org.imrap.bulletin.config.Workspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LivePreviewTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    Workspace workspace;
    LivePreview live;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        workspace = SampleWorkspace.copyTo(dir);
    }

    @AfterEach
    void stop() {
        if (live != null) {
            live.close();
        }
    }

    private void serve(Optional<String> recipient) {
        live = LivePreview.start(new LiveRequest(workspace, Optional.empty(), Optional.empty(), recipient, List.of(), 0),
                Clock.systemDefaultZone());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(live.address().resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<byte[]> getBytes(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(live.address().resolve(path)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private long version() throws Exception {
        return Long.parseLong(get("/version").body().strip());
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited for: " + what).isLessThan(end);
            Thread.sleep(50);
        }
    }

    private void awaitVersionAfter(long before) throws InterruptedException {
        await(() -> {
            try {
                return version() > before;
            } catch (Exception e) {
                return false;
            }
        }, "the version to move past " + before);
    }

    @Test
    void listensOnLoopbackOnlyAtAFreePort() {
        serve(Optional.empty());

        assertThat(live.address().toString()).matches("http://127\\.0\\.0\\.1:[1-9][0-9]*/");
    }

    @Test
    void theMenuListsThePeopleOfEachListEscaped() throws Exception {
        Files.writeString(workspace.recipientsDir().resolve("partners.csv"),
                "email,name\nmalin@example.org,\"<script>alert('x')</script> & \"\"Co\"\"\"\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        serve(Optional.empty());

        HttpResponse<String> page = get("/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.body()).contains("<optgroup label=\"authorities (12)\">", "<optgroup label=\"donors (12)\">",
                "<option value=\"awa.traore@example.org\">Awa Traoré &lt;awa.traore@example.org&gt;</option>",
                "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Co&quot; &lt;malin@example.org&gt;")
                .doesNotContain("<script>alert");
        assertThat(page.body()).as("the first person of the first list is the one shown")
                .contains("<option value=\"gouverneur.tombouctou@example.org\" selected>");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                policy -> assertThat(policy).contains("default-src 'self'"));
    }

    @Test
    void showsTheBulletinTextAndEmlAsTheChosenPersonReceivesThem() throws Exception {
        serve(Optional.empty());

        HttpResponse<String> page = get("/?to=awa.traore@example.org");
        assertThat(page.body()).contains("<option value=\"awa.traore@example.org\" selected>",
                "Subject: Bulletin d&#39;information de l&#39;IMRAP – août 2022", "Message size: ",
                "src=\"/message.html?to=awa.traore%40example.org&amp;v=", "style=\"width:600px\"", "style=\"width:375px\"",
                "href=\"/message.eml?to=awa.traore%40example.org&amp;v=");

        HttpResponse<String> html = get("/message.html?to=awa.traore%40example.org");
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.body()).contains("Bonjour Awa Traoré,", "KANGABA");
        assertThat(html.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                policy -> assertThat(policy).contains("script-src 'none'"));

        HttpResponse<String> text = get("/message.txt?to=awa.traore%40example.org");
        assertThat(text.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
        assertThat(text.body()).contains("Bonjour Awa Traoré,", "Badalabougou-Est");

        HttpResponse<byte[]> eml = getBytes("/message.eml?to=awa.traore%40example.org");
        assertThat(eml.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"bulletin-2022-08.eml\"");
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(eml.body()));
        assertThat(message.getHeader("To")[0]).contains("<awa.traore@example.org>");
        assertThat(message.getSubject()).endsWith("août 2022");
    }

    @Test
    void theRecipientAskedForOnTheCommandLineIsShownFirst() throws Exception {
        serve(Optional.of("direction.justice@example.org"));

        assertThat(get("/").body()).contains("<option value=\"direction.justice@example.org\" selected>");
        assertThat(get("/message.txt").body()).contains("Madame, Monsieur,");
    }

    @Test
    void imagesCarriedByContentIdAreServed() throws Exception {
        Files.write(workspace.templatesDir().resolve("photo.png"), SampleWorkspace.tinyPng());
        Path item = workspace.newsDir().resolve("2022-08-20-kangaba.md");
        Files.writeString(item, Files.readString(item).replaceFirst("\nplace: ", "\nimage: photo.png\nplace: "));
        serve(Optional.empty());

        String html = get("/message.html").body();
        Matcher image = Pattern.compile("src=\"(/image/[^\"]+)\"").matcher(html);
        assertThat(image.find()).as(html).isTrue();
        assertThat(html).doesNotContain("cid:");

        HttpResponse<byte[]> served = getBytes(image.group(1));
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(served.body()).isEqualTo(SampleWorkspace.tinyPng());
    }

    @Test
    void editingANewsItemMovesTheVersionAndThePageShowsTheNewTitle() throws Exception {
        serve(Optional.empty());
        long before = version();
        assertThat(get("/message.html").body()).doesNotContain("Titre changé pendant l&#39;aperçu");

        Path item = workspace.newsDir().resolve("2022-08-20-kangaba.md");
        Files.writeString(item, Files.readString(item).replaceFirst("\ntitle: [^\n]*", "\ntitle: Titre changé pendant l'aperçu"));
        awaitVersionAfter(before);

        assertThat(get("/message.html").body()).contains("Titre changé pendant l&#39;aperçu");
        assertThat(get("/").body()).contains("data-version=\"" + version() + "\"");
    }

    @Test
    void aSecondEditWithTheSameSizeAndTimeIsNoticedToo() throws Exception {
        Path item = workspace.newsDir().resolve("2022-08-20-kangaba.md");
        String original = Files.readString(item);
        serve(Optional.empty());
        long before = version();

        Files.writeString(item, original.replaceFirst("\ntitle: ", "\ntitle: A"));
        java.nio.file.attribute.FileTime time = Files.getLastModifiedTime(item);
        awaitVersionAfter(before);
        long afterFirst = version();
        // What a file system with a coarse clock shows: another edit, same size, same time.
        Files.writeString(item, original.replaceFirst("\ntitle: ", "\ntitle: B"));
        Files.setLastModifiedTime(item, time);
        awaitVersionAfter(afterFirst);

        assertThat(get("/message.txt").body()).contains("Kangaba");
    }

    @Test
    void aBrokenNewsFileShowsInThePageWithFileAndLineAndTheServerGoesOnOnceFixed() throws Exception {
        serve(Optional.empty());
        long before = version();
        Path bad = workspace.newsDir().resolve("2022-08-30-bamako.md");
        Files.writeString(bad, "---\ntitle: Bamako\nplace: Bamako\ndate: 2022-08-32\n---\nTexte\n");
        awaitVersionAfter(before);

        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("class=\"error\"", "news/2022-08-30-bamako.md:4:", "→")
                .doesNotContain(dir.toString());
        HttpResponse<String> frame = get("/message.html");
        assertThat(frame.statusCode()).isEqualTo(500);
        assertThat(frame.body()).contains("news/2022-08-30-bamako.md:4:");
        assertThat(get("/message.txt").body()).contains("news/2022-08-30-bamako.md:4:");

        long broken = version();
        Files.delete(bad);
        awaitVersionAfter(broken);

        assertThat(get("/").body()).doesNotContain("class=\"error\"");
        HttpResponse<String> fixed = get("/message.html");
        assertThat(fixed.statusCode()).isEqualTo(200);
        assertThat(fixed.body()).contains("KANGABA");
    }

    @Test
    void aPersonNotOnTheListsIsSaidInThePage() throws Exception {
        serve(Optional.empty());

        String page = get("/?to=personne%40example.org").body();

        assertThat(page).contains("class=\"error\"", "personne@example.org is not on the lists",
                "value=\"personne@example.org\"");
    }

    @Test
    void requestsForAnotherHostAreRefused() throws Exception {
        serve(Optional.empty());

        assertThat(rawStatusLine("rebound.example.com:" + live.address().getPort())).contains(" 403 ");
        assertThat(rawStatusLine("localhost:" + live.address().getPort())).contains(" 200 ");
        assertThat(rawStatusLine("127.0.0.1:" + live.address().getPort())).contains(" 200 ");
    }

    /** java.net.http will not send a Host header of our choosing: a browser after DNS rebinding would. */
    private String rawStatusLine(String host) throws IOException {
        try (Socket socket = new Socket(live.address().getHost(), live.address().getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /version HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().findFirst().orElse("");
        }
    }

    @Test
    void onlyGetIsAnswered() throws Exception {
        serve(Optional.empty());

        HttpResponse<String> post = http.send(HttpRequest.newBuilder(live.address())
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(post.statusCode()).isEqualTo(405);
    }

    @Test
    void aPortInUseIsExitSixtyNineNamingIt() {
        serve(Optional.empty());
        int taken = live.address().getPort();

        assertThatThrownBy(() -> LivePreview.start(new LiveRequest(workspace, Optional.empty(), Optional.empty(),
                Optional.empty(), List.of(), taken), Clock.systemDefaultZone()))
                .isInstanceOfSatisfying(BulletinException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.UNAVAILABLE);
                    assertThat(e.getMessage()).contains(String.valueOf(taken));
                });
    }

    @Test
    void closingStopsTheServer() throws Exception {
        serve(Optional.empty());
        URI address = live.address();

        live.close();

        assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(address).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
    }
}
