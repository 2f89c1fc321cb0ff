package dev.pincer.host.sandbox;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;

/**
 * Hands a writable bind source to the agent uid when the host runs as root: the directory itself
 * and its direct entries (so e.g. a host-written {@code CLAUDE.md} or the IPC folders become the
 * agent's). Deeper entries are left alone on purpose: the source's parent belongs to the host, so
 * changing {@code source} and {@code source/name} with lchown semantics cannot be redirected by a
 * symlink the sandbox planted, while walking deeper as root through directories the sandbox
 * controls could be.
 */
final class AgentOwnership {
    private AgentOwnership() {}

    /** Sets owner {@code uid:gid} on {@code source} and its direct entries; returns how many changed. */
    static int claim(Path source, int uid, int gid) throws IOException {
        int changed = chown(source, uid, gid);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(source)) {
            for (Path entry : entries) {
                changed += chown(entry, uid, gid);
            }
        }
        return changed;
    }

    private static int chown(Path p, int uid, int gid) throws IOException {
        Map<String, Object> attrs = Files.readAttributes(p, "unix:uid,gid", LinkOption.NOFOLLOW_LINKS);
        if (((Integer) attrs.get("uid")) == uid && ((Integer) attrs.get("gid")) == gid) {
            return 0;
        }
        // NOFOLLOW_LINKS: lchown, which changes a symlink itself rather than what it points to
        Files.setAttribute(p, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(p, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
        return 1;
    }
}
