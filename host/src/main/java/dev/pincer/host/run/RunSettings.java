package dev.pincer.host.run;

import dev.pincer.host.config.Config;
import dev.pincer.host.config.Layout;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;

/** What every agent run needs to know from the configuration; no secrets. */
public record RunSettings(Layout layout, String assistantName, String provider, String model, Path agentJar,
                          Path javaHome, int memoryMb, Duration timeout, ZoneId zone) {

    public static RunSettings from(Config c) {
        return new RunSettings(c.layout(), c.assistantName(), c.provider(), c.model(), c.agentJar(),
                Path.of(System.getProperty("java.home")), c.agentMemoryMb(), c.agentTimeout(), c.zone());
    }
}
