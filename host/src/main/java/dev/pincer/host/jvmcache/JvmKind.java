package dev.pincer.host.jvmcache;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which start-up cache a JVM can use, by its feature version: JDK 25 makes an AOT cache in one
 * training run ({@code -XX:AOTCacheOutput}, JEP 514, with method profiles, JEP 515), JDK 24 in two
 * steps (record, then create; JEP 483), JDK 21 to 23 a dynamic CDS archive
 * ({@code -XX:ArchiveClassesAtExit}). Older JVMs get none.
 */
public enum JvmKind {
    AOT("aot"), AOT_TWO_STEP("aot"), CDS("jsa"), NONE("");

    private static final Pattern VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)");

    private final String suffix;

    JvmKind(String suffix) {
        this.suffix = suffix;
    }

    /** The kind for a feature version ({@code 25} for JDK 25). */
    public static JvmKind of(int feature) {
        if (feature >= 25) {
            return AOT;
        }
        return feature == 24 ? AOT_TWO_STEP : feature >= 21 ? CDS : NONE;
    }

    /** The feature version from {@code javaHome/release}; 0 when it cannot be read. */
    public static int feature(Path javaHome) {
        try {
            Matcher m = VERSION.matcher(Files.readString(javaHome.resolve("release")));
            return m.find() ? Integer.parseInt(m.group(1)) : 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** The file name ending of this kind's cache ({@code aot} or {@code jsa}). */
    public String suffix() {
        return suffix;
    }

    /** The flags that use the cache at {@code file}: a JVM that cannot map it warns and starts without it. */
    public List<String> useFlags(String file) {
        return switch (this) {
            case AOT, AOT_TWO_STEP -> List.of("-XX:AOTCache=" + file);
            case CDS -> List.of("-XX:SharedArchiveFile=" + file);
            case NONE -> List.of();
        };
    }

    /**
     * The flags of the training run that writes the cache to {@code out} when it exits; for
     * {@link #AOT_TWO_STEP} it records {@code config}, which {@link #createFlags} then turns into the cache.
     */
    public List<String> trainFlags(Path out, Path config) {
        return switch (this) {
            case AOT -> List.of("-XX:AOTCacheOutput=" + out);
            case AOT_TWO_STEP -> List.of("-XX:AOTMode=record", "-XX:AOTConfiguration=" + config);
            case CDS -> List.of("-XX:ArchiveClassesAtExit=" + out);
            case NONE -> List.of();
        };
    }

    /** The second step of {@link #AOT_TWO_STEP} (no program runs); empty for the others. */
    public List<String> createFlags(Path out, Path config) {
        return this == AOT_TWO_STEP
                ? List.of("-XX:AOTMode=create", "-XX:AOTConfiguration=" + config, "-XX:AOTCache=" + out)
                : List.of();
    }

    /** Flags that make the JVM fail instead of starting without the cache at {@code file} (the check). */
    public List<String> requireFlags(String file) {
        return switch (this) {
            case AOT, AOT_TWO_STEP -> List.of("-XX:AOTMode=on", "-XX:AOTCache=" + file);
            case CDS -> List.of("-Xshare:on", "-XX:SharedArchiveFile=" + file);
            case NONE -> List.of();
        };
    }
}
