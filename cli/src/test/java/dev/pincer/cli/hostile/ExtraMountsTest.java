package dev.pincer.cli.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.cli.Harness;
import dev.pincer.protocol.Json;
import dev.pincer.testkit.RecordedRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Extra mounts end to end: a group's {@code additionalMounts} checked against a real allowlist
 * file, the granted directory seen by the agent in its real bwrap sandbox (its {@code CLAUDE.md}
 * in the system prompt the fake model receives), the refused ones explained in the run log, and
 * neither a link inside the mount nor the allowlist leading the agent to host secrets.
 */
class ExtraMountsTest {
    static final String SITE_MEMORY = "SITE-MEMORY-MARKER-4411";
    static final String OUTSIDE_SECRET = "OUTSIDE-SECRET-MARKER-8c2f";
    static final String SSH_SECRET = "SSH-KEY-MARKER-77aa";

    @TempDir Path home;
    @TempDir Path host;

    @Test
    void anAllowedDirectoryIsVisibleReadOnlyAndNothingElseLeaks() throws Exception {
        Path projects = Files.createDirectories(host.resolve("projects"));
        Path site = Files.createDirectories(projects.resolve("site"));
        Files.writeString(site.resolve("CLAUDE.md"), "Notes of the site: " + SITE_MEMORY + "\n");
        Files.writeString(host.resolve("secret.txt"), OUTSIDE_SECRET);
        Files.createSymbolicLink(site.resolve("secret-link"), host.resolve("secret.txt"));
        Path ssh = Files.createDirectories(projects.resolve("me/.ssh"));
        Files.writeString(ssh.resolve("id_ed25519"), SSH_SECRET);
        Files.createSymbolicLink(projects.resolve("keys"), ssh); // innocent name, blocked target
        Path elsewhere = Files.createDirectories(host.resolve("elsewhere"));
        Path allowlist = host.resolve("xdg/pincer/mount-allowlist.json");
        Files.createDirectories(allowlist.getParent());
        Files.writeString(allowlist, Json.MAPPER.writeValueAsString(Map.of(
                "allowedRoots", List.of(Map.of("path", projects.toString(), "allowReadWrite", true,
                        "description", Hostile.ALLOWLIST_MARKER)),
                "nonMainReadOnly", true)));

        try (Harness h = new Harness(home).set("PINCER_MOUNT_ALLOWLIST", allowlist.toString()).start()) {
            Map<String, Object> config = Map.of("additionalMounts", List.of(
                    Map.of("hostPath", site.toString(), "containerPath", "site", "readonly", false),
                    Map.of("hostPath", projects.resolve("keys").toString(), "containerPath", "keys"),
                    Map.of("hostPath", elsewhere.toString(), "containerPath", "elsewhere")));
            HttpResponse<String> r = h.call("POST", "/api/groups", Hostile.json(Map.of(
                    "chat", "web:family", "name", "Family", "folder", "family", "trigger", "@Andy", "requiresTrigger", true,
                    "config", config)));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);

            List<RecordedRequest.ToolResultView> results = Hostile.turn(h, "family", List.of(
                    Hostile.bash("cat /workspace/extra/site/CLAUDE.md"),
                    Hostile.bash("echo x > /workspace/extra/site/new.txt; echo rc=$?"),
                    Hostile.bash("cat /workspace/extra/site/secret-link; echo rc=$?"),
                    Hostile.bash("ls -A /workspace/extra; echo rc=$?"),
                    Hostile.bash("grep -rs '" + Hostile.ALLOWLIST_MARKER + "' / --exclude-dir=proc --exclude-dir=sys -l; "
                            + "find / -path /proc -prune -o -name 'mount-allowlist*' -print 2>/dev/null; echo rc=done")));

            assertThat(results.get(0).content()).contains(SITE_MEMORY);
            assertThat(results.get(1).content()).contains("Read-only file system");
            assertThat(Hostile.rc(results.get(1).content())).isNotZero();
            assertThat(site.resolve("new.txt")).as("non-main groups are read-only (nonMainReadOnly)").doesNotExist();
            assertThat(results.get(2).content()).doesNotContain(OUTSIDE_SECRET).contains("No such file");
            assertThat(results.get(3).content().lines().filter(l -> !l.startsWith("rc="))).containsExactly("site");
            assertThat(results.get(4).content()).doesNotContain(Hostile.ALLOWLIST_MARKER).doesNotContain("mount-allowlist");
            for (var res : results) {
                assertThat(res.content()).doesNotContain(SSH_SECRET).doesNotContain(OUTSIDE_SECRET);
                Hostile.assertNoSecret(h, "tool result", res.content());
            }

            RecordedRequest first = h.model.requests().getFirst();
            assertThat(first.system()).as("the extra mount's CLAUDE.md is part of the system prompt").contains(SITE_MEMORY);
            assertThat(first.system()).doesNotContain(SSH_SECRET).doesNotContain(Hostile.ALLOWLIST_MARKER);

            String logs = h.runLogs();
            assertThat(logs).contains("extra mount refused: " + projects.resolve("keys"))
                    .contains("\".ssh\"")
                    .contains("extra mount refused: " + elsewhere).contains("under no allowed root")
                    .contains("extra mount: " + site + " is mounted read-only: nonMainReadOnly")
                    .contains("extra mount: " + site.toRealPath() + " at /workspace/extra/site (read-only)");
        }
    }
}
