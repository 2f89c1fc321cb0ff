package dev.pincer.cli.service;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The service managers Pincer can be installed into, each with where its file goes by default,
 * how it is written, and what to run next.
 */
public enum ServiceKind {

    /** A systemd user unit: runs while the user is logged in (or always, with lingering). */
    SYSTEMD_USER("systemd-user", "pincer.service"),
    /** A systemd system unit, when installing as root. */
    SYSTEMD_SYSTEM("systemd-system", "pincer.service"),
    /** A launchd agent of the logged-in user on macOS. */
    LAUNCHD("launchd", "dev.pincer.plist");

    private final String label;
    private final String fileName;

    ServiceKind(String label, String fileName) {
        this.label = label;
        this.fileName = fileName;
    }

    public String label() {
        return label;
    }

    public String fileName() {
        return fileName;
    }

    /** The kind this machine uses: launchd on macOS, else systemd (a system unit as root). */
    public static ServiceKind detect(String osName, int uid) {
        if (osName.toLowerCase(Locale.ROOT).contains("mac")) {
            return LAUNCHD;
        }
        return uid == 0 ? SYSTEMD_SYSTEM : SYSTEMD_USER;
    }

    /** {@code systemd-user}, {@code systemd-system} or {@code launchd}. */
    public static ServiceKind of(String label) {
        for (ServiceKind k : values()) {
            if (k.label.equals(label)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown service kind '" + label + "'; use systemd-user, systemd-system or launchd");
    }

    /** Where the file goes: {@code ~/.config/systemd/user/} ({@code $XDG_CONFIG_HOME}), {@code /etc/systemd/system/}, {@code ~/Library/LaunchAgents/}. */
    public Path defaultDir(Map<String, String> env) {
        Path userHome = Path.of(env.getOrDefault("HOME", System.getProperty("user.home")));
        return switch (this) {
            case SYSTEMD_USER -> {
                String xdg = env.get("XDG_CONFIG_HOME");
                yield (xdg != null && Path.of(xdg).isAbsolute() ? Path.of(xdg) : userHome.resolve(".config")).resolve("systemd/user");
            }
            case SYSTEMD_SYSTEM -> Path.of("/etc/systemd/system");
            case LAUNCHD -> userHome.resolve("Library/LaunchAgents");
        };
    }

    /** The file's text. */
    public String render(Launch launch) {
        return this == LAUNCHD ? Launchd.plist(launch) : Systemd.unit(launch, this == SYSTEMD_SYSTEM);
    }

    /** What to run after the file is in place. */
    public List<String> afterInstall(Path file) {
        return switch (this) {
            case SYSTEMD_USER -> List.of("systemctl --user daemon-reload && systemctl --user enable --now pincer",
                    "(to keep it running after you log out: loginctl enable-linger $USER)");
            case SYSTEMD_SYSTEM -> List.of("systemctl daemon-reload && systemctl enable --now pincer");
            case LAUNCHD -> List.of("launchctl load -w " + file);
        };
    }

    /** What to run after the file is removed. */
    public List<String> afterUninstall() {
        return switch (this) {
            case SYSTEMD_USER -> List.of("systemctl --user stop pincer; systemctl --user daemon-reload");
            case SYSTEMD_SYSTEM -> List.of("systemctl stop pincer; systemctl daemon-reload");
            case LAUNCHD -> List.of("launchctl remove dev.pincer");
        };
    }
}
