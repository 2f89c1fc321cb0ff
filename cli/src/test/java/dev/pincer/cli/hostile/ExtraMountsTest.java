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
    static final String DECOY = "DECOY-CONTROL-5d";

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

        try (Harness h = Hostile.harness(home).set("PINCER_MOUNT_ALLOWLIST", allowlist.toString()).start()) {
            Hostile.assertPinnedRuntime(h);
            Map<String, Object> config = Map.of("additionalMounts", List.of(
                    Map.of("hostPath", site.toString(), "containerPath", "site", "readonly", false),
                    Map.of("hostPath", projects.resolve("keys").toString(), "containerPath", "keys"),
                    Map.of("hostPath", elsewhere.toString(), "containerPath", "elsewhere")));
            HttpResponse<String> r = h.call("POST", "/api/groups", Hostile.json(Map.of(
                    "chat", "web:family", "name", "Family", "folder", "family", "trigger", "@Andy", "requiresTrigger", true,
                    "config", config)));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            // a decoy in the group's own folder: what the searches below must find, and all they may find
            // (the patterns are split in the command, which the agent's session file records)
            Files.writeString(home.resolve("groups/family/mount-allowlist-decoy"), DECOY);

            List<RecordedRequest.ToolResultView> results = Hostile.turn(h, "family", List.of(
                    Hostile.bash("cat /workspace/extra/site/CLAUDE.md"),
                    Hostile.bash("echo x > /workspace/extra/site/new.txt; echo rc=$?"),
                    Hostile.bash("cat /workspace/extra/site/secret-link; echo rc=$?"),
                    Hostile.bash("ls -A /workspace/extra; echo rc=$?"),
                    Hostile.bash("echo '-- grep'; grep -rsl -e '" + Hostile.ALLOWLIST_MARKER.substring(0, 5) + "''"
                            + Hostile.ALLOWLIST_MARKER.substring(5) + "' -e 'DECOY-CONT''ROL-5d' / "
                            // not /dev nor the host's read-only /usr (6 GB here: minutes, past the run's limit), as in HostFilesHostileTest
                            + "--exclude-dir=proc --exclude-dir=sys --exclude-dir=dev --exclude-dir=usr; "
                            + "echo '-- find'; find / -path /proc -prune -o -name 'mount-allowlist*' -print 2>/dev/null; echo '-- end'")));
            List<String> out = results.stream().map(res -> Hostile.checked("extra mounts", res)).toList();

            assertThat(out.get(0)).contains(SITE_MEMORY);
            assertThat(out.get(1)).contains("Read-only file system");
            assertThat(Hostile.rc(out.get(1))).isNotZero();
            assertThat(site.resolve("new.txt")).as("non-main groups are read-only (nonMainReadOnly)").doesNotExist();
            assertThat(out.get(2)).doesNotContain(OUTSIDE_SECRET).contains("No such file");
            assertThat(out.get(3).lines().filter(l -> !l.startsWith("rc="))).containsExactly("site");
            assertThat(out.get(4)).doesNotContain(Hostile.ALLOWLIST_MARKER);
            assertThat(Hostile.section(out.get(4), "grep")).as("files holding the allowlist's marker: only the decoy")
                    .containsExactly("/workspace/group/mount-allowlist-decoy");
            assertThat(Hostile.section(out.get(4), "find")).as("files named mount-allowlist*: only the decoy")
                    .containsExactly("/workspace/group/mount-allowlist-decoy");
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
