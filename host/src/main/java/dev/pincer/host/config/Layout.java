package dev.pincer.host.config;

import java.nio.file.Path;

/** Where things live under {@code PINCER_HOME} (docs/DESIGN.md section 4). */
public record Layout(Path home) {

    public Layout {
        home = home.toAbsolutePath().normalize();
    }

    public Path envFile() { return home.resolve(".env"); }
    public Path storeDir() { return home.resolve("store"); }
    public Path database() { return storeDir().resolve("pincer.db"); }
    public Path groupsDir() { return home.resolve("groups"); }
    public Path globalDir() { return groupsDir().resolve("global"); }
    public Path dataDir() { return home.resolve("data"); }
    public Path logsDir() { return home.resolve("logs"); }
    public Path webTokenFile() { return dataDir().resolve("web-token"); }
    public Path ipcErrorsDir() { return dataDir().resolve("ipc-errors"); }
    /** Host-only: files a sandbox wrote are moved here before the host reads them (same file system as {@code data/ipc}). */
    public Path ipcWorkDir(String folder) { return dataDir().resolve("ipc-work").resolve(GroupFolder.check(folder)); }

    public Path groupDir(String folder) { return groupsDir().resolve(GroupFolder.check(folder)); }
    public Path sessionsDir(String folder) { return dataDir().resolve("sessions").resolve(GroupFolder.check(folder)); }
    public Path ipcDir(String folder) { return dataDir().resolve("ipc").resolve(GroupFolder.check(folder)); }
    public Path runDir(String folder) { return dataDir().resolve("run").resolve(GroupFolder.check(folder)); }
    /**
     * Files that came with a group's messages (and that it sent): {@code groups/<folder>/inbox}, which
     * its sandbox sees read-only at {@code /workspace/group/inbox}, though the rest of the folder is writable.
     */
    public Path mediaDir(String folder) { return groupDir(folder).resolve("inbox"); }
}
