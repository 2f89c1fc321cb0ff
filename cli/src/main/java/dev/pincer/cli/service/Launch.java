package dev.pincer.cli.service;

import java.nio.file.Path;

/**
 * What a service starts: the launcher script ({@code ExecStart = <launcher> start}), the home it
 * works in ({@code PINCER_HOME}, the working directory), the JDK the launcher should use.
 */
public record Launch(Path launcher, Path home, Path javaHome) {
    public Launch {
        if (!launcher.isAbsolute() || !home.isAbsolute() || !javaHome.isAbsolute()) {
            throw new IllegalArgumentException("a service needs absolute paths: " + launcher + ", " + home + ", " + javaHome);
        }
    }
}
