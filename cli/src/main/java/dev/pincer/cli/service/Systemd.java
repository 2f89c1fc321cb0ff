package dev.pincer.cli.service;

/** A systemd unit that runs {@code <launcher> start} in the home and restarts it when it fails. */
final class Systemd {
    private Systemd() {}

    static String unit(Launch l, boolean system) {
        return """
                # Pincer, written by ./pincer service install; remove it with ./pincer service uninstall
                [Unit]
                Description=Pincer personal AI assistant
                Documentation=file://%s
                After=network-online.target
                %s
                [Service]
                Type=simple
                WorkingDirectory=%s
                Environment=%s
                Environment=%s
                ExecStart=%s start
                Restart=on-failure
                RestartSec=5
                TimeoutStopSec=30

                [Install]
                WantedBy=%s
                """.formatted(value(l.home().resolve("README.md").toString()), system ? "Wants=network-online.target\n" : "",
                value(l.home().toString()), quoted("PINCER_HOME=" + l.home()), quoted("JAVA_HOME=" + l.javaHome()),
                quoted(l.launcher().toString()), system ? "multi-user.target" : "default.target");
    }

    /** A value with systemd's specifier character escaped ({@code %} is {@code %%}). */
    private static String value(String s) {
        if (s.chars().anyMatch(c -> c < 0x20)) {
            throw new IllegalArgumentException("a path with control characters cannot go into a systemd unit: " + s);
        }
        return s.replace("%", "%%");
    }

    /** A word in double quotes, as systemd splits {@code ExecStart=} and {@code Environment=}. */
    private static String quoted(String s) {
        return "\"" + value(s).replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
