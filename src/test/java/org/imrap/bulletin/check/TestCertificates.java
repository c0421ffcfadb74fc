package org.imrap.bulletin.check;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.imrap.bulletin.mail.Tls;

/**
 * Server certificates made for the tests by the JDK's keytool (self-signed, EC P-256, 30 days), once
 * per test run: one for 127.0.0.1 and localhost, one for another name. {@link #trust()} trusts both,
 * as bulletin's trust store would trust a real provider's: host names are still checked.
 */
public final class TestCertificates {
    private static final char[] PASSWORD = "changeit".toCharArray();
    private static Path folder;

    /** A certificate for 127.0.0.1 and localhost. */
    public static final String LOOPBACK = "loopback";
    /** A certificate for mail.example.org only. */
    public static final String OTHER_NAME = "other";

    private TestCertificates() {
    }

    /** The server side: TLS with the named certificate. */
    public static SSLContext server(String name) {
        try {
            KeyStore keys = load(name);
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(keys, PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(factory.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** bulletin's trust with both test certificates as authorities. */
    public static Tls trust() {
        try {
            KeyStore anchors = KeyStore.getInstance("PKCS12");
            anchors.load(null, null);
            for (String name : new String[] {LOOPBACK, OTHER_NAME}) {
                anchors.setCertificateEntry(name, load(name).getCertificate("server"));
            }
            return Tls.trusting(anchors);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyStore load(String name) throws GeneralSecurityException {
        Path file = make().resolve(name + ".p12");
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD);
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized Path make() {
        if (folder != null) {
            return folder;
        }
        try {
            Path dir = Files.createTempDirectory("bulletin-test-certificates");
            keytool(dir.resolve(LOOPBACK + ".p12"), "CN=localhost", "SAN=ip:127.0.0.1,dns:localhost");
            keytool(dir.resolve(OTHER_NAME + ".p12"), "CN=mail.example.org", "SAN=dns:mail.example.org");
            folder = dir;
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void keytool(Path store, String subject, String alternativeNames) throws IOException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "server",
                "-keyalg", "EC", "-groupname", "secp256r1", "-dname", subject, "-ext", alternativeNames,
                "-validity", "30", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("keytool failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
