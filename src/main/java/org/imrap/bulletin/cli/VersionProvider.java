package org.imrap.bulletin.cli;

import static org.imrap.bulletin.Text.t;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The version Maven wrote into the build (bulletin-version.properties). */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/bulletin-version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        }
        return new String[] {"bulletin " + properties.getProperty("version", t("version.development")),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
    }
}
