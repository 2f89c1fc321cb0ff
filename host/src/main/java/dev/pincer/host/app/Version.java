package dev.pincer.host.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Pincer's version, as the build wrote it into {@code pincer-version.properties} (Maven resource filtering). */
public final class Version {
    private Version() {}

    private static final String VERSION = load();

    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = Version.class.getResourceAsStream("/dev/pincer/host/app/pincer-version.properties")) {
            if (in == null) {
                throw new IllegalStateException("the host jar is missing pincer-version.properties; rebuild with ./mvnw package");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
