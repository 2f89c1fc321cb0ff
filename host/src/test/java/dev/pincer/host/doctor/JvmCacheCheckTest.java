package dev.pincer.host.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.host.config.Config;
import dev.pincer.host.jvmcache.AgentJvmCache;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code doctor}'s lines about the JVM start-up caches; a present agent cache is checked by a real JVM. */
class JvmCacheCheckTest {
    @TempDir Path home;

    private List<Check> checks(String setting, String hostCache) throws Exception {
        Path jar = home.resolve("pincer-agent.jar");
        if (!Files.exists(jar)) {
            Files.writeString(jar, "stands in for the agent jar: the cache's key hashes its bytes");
        }
        Config config = Config.load(Map.of("PINCER_HOME", home.toString(), "PINCER_AGENT_JAR", jar.toString(),
                "PINCER_JVM_CACHE", setting), home);
        return JvmCacheCheck.checks(config, hostCache);
    }

    @Test
    void offIsShownForInformation() throws Exception {
        List<Check> checks = checks("off", null);
        assertThat(checks).extracting(Check::name).containsExactly("jvm cache (agent)", "jvm cache (host)");
        assertThat(checks.get(0).ok()).isTrue();
        assertThat(checks.get(0).info()).isTrue();
        assertThat(checks.get(0).detail()).startsWith("off (PINCER_JVM_CACHE=off)");
        assertThat(checks.get(1).info()).isTrue();
        assertThat(checks.get(1).detail()).startsWith("none:");
    }

    @Test
    void aBadSettingFailsWithItsFix() throws Exception {
        Check agent = checks("maybe", null).get(0);
        assertThat(agent.ok()).isFalse();
        assertThat(agent.detail()).isEqualTo("PINCER_JVM_CACHE=maybe must be on or off");
        assertThat(agent.fix()).contains("on or off");
    }

    @Test
    void aCacheNotMadeYetIsNoFaultButAGarbageOneIs() throws Exception {
        Check missing = checks("on", null).get(0);
        assertThat(missing.ok()).isTrue();
        assertThat(missing.info()).isTrue();
        assertThat(missing.detail()).startsWith("not made yet: " + home.resolve("data/jvm-cache/agent-"));

        Config config = Config.load(Map.of("PINCER_HOME", home.toString(), "PINCER_AGENT_JAR",
                home.resolve("pincer-agent.jar").toString()), home);
        Path file = AgentJvmCache.of(config).file();
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[] {'n', 'o', 't', ' ', 'a', 'n', ' ', 'A', 'O', 'T', ' ', 'c', 'a', 'c', 'h', 'e'});
        Check garbage = checks("on", null).get(0);
        assertThat(garbage.ok()).isFalse();
        assertThat(garbage.info()).isFalse();
        assertThat(garbage.detail()).startsWith("the JVM cannot use the cache " + file);
        assertThat(garbage.fix()).startsWith("delete the file");
    }

    @Test
    void theHostLineSaysWhetherStartUsesACache() throws Exception {
        Path cache = home.resolve("data/jvm-cache/host-123.aot");
        Check notYet = checks("on", cache.toString()).get(1);
        assertThat(notYet.info()).isTrue();
        assertThat(notYet.detail()).contains("not made yet", cache.toString());
        Files.createDirectories(cache.getParent());
        Files.write(cache, new byte[] {1});
        Check active = checks("on", cache.toString()).get(1);
        assertThat(active.ok()).isTrue();
        assertThat(active.info()).isFalse();
        assertThat(active.detail()).isEqualTo("active: ./pincer start uses " + cache);
    }
}
