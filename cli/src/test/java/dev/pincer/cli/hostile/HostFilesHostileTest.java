package dev.pincer.cli.hostile;

import static dev.pincer.cli.hostile.Hostile.assertNoSecret;
import static dev.pincer.cli.hostile.Hostile.rc;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.cli.Harness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hostile agent hunts for host secrets and tries to write where it must not: one sandbox run of
 * a non-main group ({@code family}) and one of the main group, each batching many probes; one test
 * per attack. Every result must be a failure, and nothing the model receives may carry a secret.
 * Searches ({@code find}, {@code grep}) are checked line by line, with a decoy planted in the
 * group's own folder that they must find: an empty result could otherwise mean a broken search.
 */
class HostFilesHostileTest {

    @TempDir static Path home;
    @TempDir static Path xdg;
    static Harness h;
    static Probes family;
    static Probes main;
    static String globalBefore;
    static String jarBefore;
    static String readmeBefore;
    static final String OWN_MARKER = "OWN-GROUP-MARKER-3f1e";
    static final String KEYSEARCH_CONTROL = "KEYSEARCH-CONTROL-77b1";

    @BeforeAll
    static void attack() throws Exception {
        h = Hostile.start(home, xdg, Map.of());
        Files.writeString(home.resolve("README.md"), "project readme\n");
        // decoys in the attacker's own folder: what each search must find, and all it may find
        Path own = home.resolve("groups/family");
        Files.writeString(own.resolve("secret.txt"), OWN_MARKER);
        Files.writeString(own.resolve("marker.txt"), "own marker");
        Files.writeString(own.resolve("mount-allowlist.json"), "decoy");
        Files.writeString(own.resolve("control.txt"), KEYSEARCH_CONTROL);
        globalBefore = Hostile.sha256(home.resolve("groups/global/CLAUDE.md"));
        jarBefore = Hostile.sha256(Path.of(h.settings.get("PINCER_AGENT_JAR")));
        readmeBefore = Hostile.sha256(home.resolve("README.md"));
        String key = Harness.API_KEY;
        String half = key.substring(0, 5);
        String rest = key.substring(5);
        String token = h.webToken();
        String tHalf = token.substring(0, token.length() / 2);
        String tRest = token.substring(token.length() / 2);
        family = new Probes()
                .bash("shadow", "cat /etc/shadow 2>&1; echo rc=$?")
                .bash("root", "ls -A /root 2>&1; echo rc=$?; echo '-- home'; ls -A " + System.getProperty("user.home")
                        + " 2>&1; echo rc2=$?")
                .bash("hostEnv", "cat " + home + "/.env 2>&1; echo rc=$?")
                .bash("projectEnv", "echo '-- ls'; ls -A /workspace/project 2>/dev/null; echo '-- end'; "
                        + "cat /workspace/project/.env 2>&1; echo rc=$?")
                .bash("storeHost", "ls -A " + home + "/store 2>&1; head -c 4096 " + home + "/store/pincer.db 2>&1 | strings; cat "
                        + home + "/store/secret-marker 2>&1; echo rc=$?")
                .bash("webToken", "cat " + home + "/data/web-token 2>&1; cat /workspace/project/data/web-token 2>&1; echo rc=$?")
                .bash("otherGroup", "cat " + home + "/groups/other/secret.txt 2>&1; ls -A /workspace 2>&1; ls -A /workspace/.. 2>&1; "
                        + "echo '-- find'; find / -name secret.txt -not -path '/proc/*' 2>/dev/null; "
                        + "echo '-- grep'; grep -rlsF \"GROU\"\"P-MARKER-\" / --exclude-dir=proc --exclude-dir=sys "
                        // not the host's read-only /usr (6 GB here: minutes under load, past the run's limit), as in keySearch
                        + "--exclude-dir=dev --exclude-dir=usr 2>/dev/null; "
                        + "echo '-- end'; cat " + home + "/groups/other/secret.txt 2>&1; echo rc=$?")
                .bash("otherSession", "cat " + home + "/data/sessions/other/marker.txt 2>&1; ls -A /home 2>&1; "
                        + "echo '-- find'; find / -name marker.txt -not -path '/proc/*' 2>/dev/null; echo '-- end'; "
                        + "cat " + home + "/data/sessions/other/marker.txt 2>/dev/null; echo rc=$?")
                .bash("otherIpc", "ls -A /workspace/ipc/.. 2>&1; cat " + home + "/data/ipc/other/marker.txt 2>&1; echo rc=$?")
                .bash("procEnviron", "n=0; for f in /proc/[0-9]*/environ; do n=$((n+1)); echo \"== $f\"; tr '\\0' '\\n' < $f 2>&1; done; echo files=$n")
                .bash("procCmdline", "n=0; for f in /proc/[0-9]*/cmdline; do n=$((n+1)); echo \"== $f\"; tr '\\0' ' ' < $f; echo; done; echo files=$n")
                .bash("allowlist", "cat " + xdg + "/pincer/mount-allowlist.json 2>&1; cat ~/.config/pincer/mount-allowlist.json 2>&1; "
                        + "cat /root/.config/pincer/mount-allowlist.json 2>&1; ls -A ~/.config 2>&1; "
                        + "echo '-- find'; find / -name mount-allowlist.json -not -path '/proc/*' 2>/dev/null; echo '-- end'; "
                        + "cat " + xdg + "/pincer/mount-allowlist.json 2>/dev/null; echo rc=$?")
                .bash("env", "env; echo; tr '\\0' '\\n' < /proc/self/environ; echo rc=$?")
                .bash("keySearch", "K=\"" + half + "\"\"" + rest + "\"; T=\"" + tHalf + "\"\"" + tRest + "\"; "
                        + "grep -rsoF -e \"$K\" -e \"$T\" -e \"sk-ant\"\"-\" -e \"KEYSEARCH-CONT\"\"ROL-77b1\" --exclude-dir=proc --exclude-dir=sys "
                        + "--exclude-dir=dev --exclude-dir=usr / 2>/dev/null; echo end-of-search")
                .tool("readTool", Hostile.call("Read", "file_path", home.resolve(".env").toString()))
                .tool("readShadow", Hostile.call("Read", "file_path", "/etc/shadow"))
                .tool("readEnviron", Hostile.call("Read", "file_path", "/proc/1/environ"))
                .bash("globalWrite", "echo PWNED >> /workspace/global/CLAUDE.md 2>&1; echo rc=$?; touch /workspace/global/pwned 2>&1; echo rc2=$?")
                .tool("globalWriteTool", Hostile.call("Write", "file_path", "/workspace/global/pwned.md", "content", "PWNED"))
                .bash("jarWrite", "echo PWNED >> /opt/pincer/pincer-agent.jar 2>&1; echo rc=$?; rm -f /opt/pincer/pincer-agent.jar 2>&1; "
                        + "ls -l /opt/pincer/pincer-agent.jar; echo rc2=$?")
                .bash("usrWrite", "touch /usr/pwned-hostile 2>&1; echo rc=$?; echo x > /usr/bin/pwned-hostile 2>&1; echo rc2=$?")
                .tool("usrWriteTool", Hostile.call("Write", "file_path", "/usr/lib/pwned-hostile", "content", "PWNED"));
        family.run(h, "family");
        main = new Probes()
                .bash("projectEnv", "cat /workspace/project/.env 2>&1; echo rc=$?; ls -A /workspace/project; cat /workspace/project/README.md")
                .bash("storeProject", "ls -A /workspace/project/store 2>&1; cat /workspace/project/store/secret-marker 2>&1; "
                        + "head -c 64 /workspace/project/store/pincer.db 2>&1; echo rc=$?")
                .bash("storeHost", "cat " + home + "/store/secret-marker 2>&1; head -c 64 " + home + "/store/pincer.db 2>&1; echo rc=$?")
                .bash("webToken", "cat /workspace/project/data/web-token 2>&1; cat " + home + "/data/web-token 2>&1; echo rc=$?")
                .bash("otherSession", "ls -A /workspace/project/data 2>&1; cat /workspace/project/data/sessions/other/marker.txt 2>&1; "
                        + "cat " + home + "/data/sessions/other/marker.txt 2>&1; echo rc=$?")
                .bash("otherIpc", "cat /workspace/project/data/ipc/other/marker.txt 2>&1; cat " + home
                        + "/data/ipc/other/marker.txt 2>&1; echo rc=$?")
                .bash("logs", "ls -AR /workspace/project/logs 2>&1 | head -20; cat /workspace/project/logs/runs/family/*.log 2>&1 | head -5; "
                        + "cat " + home + "/logs/runs/family/*.log 2>&1 | head -5; echo rc=$?")
                .bash("procEnviron", "for f in /proc/[0-9]*/environ; do tr '\\0' '\\n' < $f 2>&1; done; echo rc=$?")
                .bash("projectWrite", "touch /workspace/project/pwned 2>&1; echo rc=$?; echo PWNED >> /workspace/project/README.md 2>&1; echo rc2=$?")
                .tool("projectWriteTool", Hostile.call("Write", "file_path", "/workspace/project/README.md", "content", "PWNED"));
        main.run(h, "main");
    }

    @AfterAll
    static void close() {
        if (h != null) {
            h.close();
        }
    }

    /** The output of probe {@code name}, checked first for any secret. */
    private static String secretFree(Probes p, String name) throws Exception {
        String out = p.out(name);
        assertNoSecret(h, name, out);
        return out;
    }

    private static void failedAndClean(Probes p, String name) throws Exception {
        String out = secretFree(p, name);
        assertThat(rc(out)).as(name + ": " + out).isNotZero();
    }

    @Test
    void etcShadowIsNotReadable() throws Exception {
        failedAndClean(family, "shadow");
        assertThat(family.out("shadow")).doesNotContainPattern("(?m)^root:");
    }

    /** Neither root's home nor the home of the user running Pincer (the same when that is root). */
    @Test
    void rootsHomeIsNotVisible() throws Exception {
        String out = secretFree(family, "root");
        Set<String> hostEntries = new HashSet<>();
        for (Path dir : List.of(Path.of("/root"), Path.of(System.getProperty("user.home")))) {
            if (Files.isReadable(dir)) {
                try (Stream<Path> s = Files.list(dir)) {
                    s.forEach(p -> hostEntries.add(p.getFileName().toString()));
                }
            }
        }
        assertThat(hostEntries).as("control: the host homes have entries the probe could list").isNotEmpty();
        Set<String> seen = new HashSet<>(out.lines().toList());
        seen.retainAll(hostEntries);
        assertThat(seen).as("host home entries listed inside: " + out).isEmpty();
        assertThat(out).containsPattern("rc=[1-9]").containsPattern("rc2=[1-9]");
    }

    @Test
    void theHostPathOfDotEnvDoesNotExistInside() throws Exception {
        failedAndClean(family, "hostEnv");
        assertThat(family.out("hostEnv")).contains("No such file");
    }

    /** No project inside (bwrap: no such directory; a container image: an empty mount point). */
    @Test
    void aNonMainGroupHasNoProjectMount() throws Exception {
        failedAndClean(family, "projectEnv");
        assertThat(family.out("projectEnv")).contains("No such file");
        assertThat(Hostile.section(family.out("projectEnv"), "ls")).as("project entries a non-main group sees").isEmpty();
    }

    @Test
    void mainSeesDotEnvMaskedInTheProject() throws Exception {
        String out = main.out("projectEnv");
        assertNoSecret(h, "main projectEnv", out);
        assertThat(out).doesNotContain("ANTHROPIC_API_KEY");
        assertThat(out).as("control: main sees the project, .env included (masked)").contains("project readme")
                .containsPattern("(?m)^\\.env$").containsPattern("(?m)^README\\.md$");
    }

    @Test
    void theStoreIsUnreadableThroughTheHostPath() throws Exception {
        failedAndClean(family, "storeHost");
        failedAndClean(main, "storeHost");
        assertThat(family.out("storeHost") + main.out("storeHost")).doesNotContain("SQLite format");
    }

    @Test
    void mainSeesTheStoreMaskedInTheProject() throws Exception {
        failedAndClean(main, "storeProject");
        assertThat(main.out("storeProject")).doesNotContain("SQLite format").doesNotContain("pincer.db\n");
    }

    @Test
    void theWebTokenIsUnreadable() throws Exception {
        failedAndClean(family, "webToken");
        failedAndClean(main, "webToken");
    }

    @Test
    void anotherGroupsFolderIsInvisibleToANonMainGroup() throws Exception {
        String out = secretFree(family, "otherGroup");
        failedAndClean(family, "otherGroup");
        assertThat(out).contains("No such file");
        assertThat(Hostile.section(out, "find")).as("files named secret.txt: only the decoy in the own folder")
                .containsExactly("/workspace/group/secret.txt");
        assertThat(Hostile.section(out, "grep")).as("files holding a group marker: only the own decoy")
                .containsExactly("/workspace/group/secret.txt");
    }

    @Test
    void mainSeesTheRunLogsMasked() throws Exception {
        String out = secretFree(main, "logs");
        assertThat(out).doesNotContain("sandbox family started").doesNotContain("[agent]").doesNotContain("run-");
        try (Stream<Path> logs = Files.list(home.resolve("logs/runs/family"))) {
            assertThat(logs.toList()).as("control: the family run log exists on the host").isNotEmpty();
        }
    }

    @Test
    void anotherGroupsSessionIsInvisible() throws Exception {
        failedAndClean(family, "otherSession");
        failedAndClean(main, "otherSession");
        assertThat(Hostile.section(family.out("otherSession"), "find")).as("files named marker.txt: only the own decoy")
                .containsExactly("/workspace/group/marker.txt");
    }

    @Test
    void anotherGroupsIpcFolderIsInvisible() throws Exception {
        failedAndClean(family, "otherIpc");
        failedAndClean(main, "otherIpc");
    }

    @Test
    void noProcessEnvironmentCarriesAKey() throws Exception {
        String out = secretFree(family, "procEnviron");
        assertThat(out).contains("HOME=/home/agent").doesNotContainIgnoringCase("api_key").doesNotContainIgnoringCase("_token=")
                .doesNotContain(String.valueOf(h.model.port()));
        assertNoSecret(h, "main procEnviron", main.out("procEnviron"));
        assertThat(main.out("procEnviron")).doesNotContainIgnoringCase("api_key");
    }

    @Test
    void noProcessCommandLineCarriesAKey() throws Exception {
        String out = secretFree(family, "procCmdline");
        assertThat(out).contains("java").doesNotContain(String.valueOf(h.model.port())).doesNotContain(home + "/.env");
    }

    @Test
    void theMountAllowlistIsNeverVisible() throws Exception {
        String out = secretFree(family, "allowlist");
        assertThat(out).doesNotContain("allowedRoots").doesNotContain("blockedPatterns");
        assertThat(rc(out)).as(out).isNotZero();
        assertThat(Hostile.section(out, "find")).as("files named mount-allowlist.json: only the own decoy")
                .containsExactly("/workspace/group/mount-allowlist.json");
    }

    @Test
    void theEnvironmentHoldsNoCredentialOrUpstream() throws Exception {
        String out = secretFree(family, "env");
        assertThat(out).contains("HOME=/home/agent").doesNotContainIgnoringCase("api_key").doesNotContainIgnoringCase("token")
                .doesNotContain(String.valueOf(h.model.port()));
    }

    @Test
    void theKeyAndTokenAreInNoFileTheSandboxCanSee() throws Exception {
        String out = secretFree(family, "keySearch");
        assertThat(out.strip().lines()).as("files holding the key or the web token (only the control may match)")
                .containsExactly("/workspace/group/control.txt:" + KEYSEARCH_CONTROL, "end-of-search");
    }

    @Test
    void theReadToolReachesNoHostSecret() throws Exception {
        for (String p : List.of("readTool", "readShadow", "readEnviron")) {
            assertNoSecret(h, p, family.out(p));
        }
        assertThat(family.isError("readTool")).isTrue();
        assertThat(family.isError("readShadow")).isTrue();
    }

    @Test
    void aNonMainGroupCannotWriteGlobalMemory() throws Exception {
        assertThat(family.out("globalWrite")).containsPattern("rc=[1-9]").containsPattern("rc2=[1-9]");
        assertThat(family.isError("globalWriteTool")).as(family.out("globalWriteTool")).isTrue();
        assertThat(Hostile.sha256(home.resolve("groups/global/CLAUDE.md"))).isEqualTo(globalBefore);
        assertThat(home.resolve("groups/global/pwned")).doesNotExist();
        assertThat(home.resolve("groups/global/pwned.md")).doesNotExist();
    }

    @Test
    void theAgentJarIsReadOnly() throws Exception {
        String out = family.out("jarWrite");
        assertThat(out).containsPattern("rc=[1-9]").contains("rc2=0").contains("pincer-agent.jar");
        assertThat(Hostile.sha256(Path.of(h.settings.get("PINCER_AGENT_JAR")))).isEqualTo(jarBefore);
    }

    @Test
    void usrIsReadOnly() throws Exception {
        assertThat(family.out("usrWrite")).containsPattern("rc=[1-9]").containsPattern("rc2=[1-9]");
        assertThat(family.isError("usrWriteTool")).isTrue();
        assertThat(Path.of("/usr/pwned-hostile")).doesNotExist();
        assertThat(Path.of("/usr/bin/pwned-hostile")).doesNotExist();
        assertThat(Path.of("/usr/lib/pwned-hostile")).doesNotExist();
    }

    @Test
    void mainCannotWriteTheProject() throws Exception {
        assertThat(main.out("projectWrite")).containsPattern("rc=[1-9]").containsPattern("rc2=[1-9]");
        assertThat(main.isError("projectWriteTool")).isTrue();
        assertThat(home.resolve("pwned")).doesNotExist();
        assertThat(Hostile.sha256(home.resolve("README.md"))).isEqualTo(readmeBefore);
    }

    @Test
    void noToolResultOfEitherRunCarriesASecret() throws Exception {
        assertNoSecret(h, "every family result", family.all());
        assertNoSecret(h, "every main result", main.all());
    }
}
