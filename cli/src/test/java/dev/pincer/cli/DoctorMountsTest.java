package dev.pincer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.host.store.Database;
import dev.pincer.host.store.Group;
import dev.pincer.host.store.GroupStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./pincer doctor} summarises the mount allowlist and lists each extra mount it would refuse. */
class DoctorMountsTest {

    @TempDir Path home;
    @TempDir Path config;

    private String doctor(Path allowlist) throws Exception {
        Files.writeString(home.resolve(".env"), "ANTHROPIC_API_KEY=sk-ant-doctor-test\n");
        Map<String, String> env = new HashMap<>(Map.of("PINCER_HOME", home.toString(), "PINCER_WEB_PORT", "0",
                "PINCER_AGENT_JAR", Harness.agentJar().toString(), "PINCER_MOUNT_ALLOWLIST", allowlist.toString()));
        StringWriter out = new StringWriter();
        Main.run(env, new PrintWriter(out, true), new PrintWriter(out, true), "doctor");
        return out.toString();
    }

    @Test
    void aMissingAllowlistIsShownButDoesNotFail() throws Exception {
        String out = doctor(config.resolve("mount-allowlist.json"));
        assertThat(out).contains("-     mount allowlist: no mount allowlist at " + config.resolve("mount-allowlist.json"))
                .contains("every extra mount is blocked").doesNotContain("FAIL  mount allowlist");
    }

    @Test
    void anInvalidAllowlistFails() throws Exception {
        Path file = Files.writeString(config.resolve("mount-allowlist.json"), "{\"allowedRoots\": \"~\"}");
        assertThat(doctor(file)).contains("FAIL  mount allowlist: the mount allowlist " + file + " is invalid")
                .contains("fix: fix the file");
    }

    @Test
    void listsTheRootsAndEveryRefusedMountOfARegisteredGroup() throws Exception {
        Path projects = Files.createDirectories(config.resolve("projects/site"));
        Path file = Files.writeString(config.resolve("mount-allowlist.json"),
                "{\"allowedRoots\": [{\"path\": \"" + projects.getParent() + "\", \"allowReadWrite\": true}]}");
        Files.createDirectories(home.resolve("store"));
        try (Database db = Database.open(home.resolve("store/pincer.db"))) {
            new GroupStore(db).register(new Group("family", "web:family", "Family", new Group.Trigger("@Andy", true), false,
                    "{\"additionalMounts\": [{\"hostPath\": \"" + projects + "\"}, {\"hostPath\": \"/etc\", \"containerPath\": \"etc\"}]}"));
        }
        String out = doctor(file);
        assertThat(out).contains("ok    mount allowlist: found " + file + ": 1 allowed root(s): " + projects.getParent() + " rw")
                .contains("extra mounts of family: 1 granted, 1 refused")
                .contains("extra mount refused: /etc: resolves to /etc, which is under no allowed root");
    }
}
