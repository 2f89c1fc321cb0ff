package dev.pincer.cli.home;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pincer.host.config.DotEnv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code .env} edited in place: lines and comments kept, values Pincer reads back as written, mode 0600. */
class EnvFileTest {

    @TempDir Path dir;

    @Test
    void setReplacesInPlaceAppendsNewOnesAndKeepsTheRest() throws Exception {
        Path file = dir.resolve(".env");
        Files.writeString(file, "# my settings\nASSISTANT_NAME=Bob\nexport ANTHROPIC_API_KEY=old # the old one\n\nTZ=Europe/Berlin\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        EnvFile env = EnvFile.read(file);
        assertThat(env.get("ANTHROPIC_API_KEY")).contains("old");
        env.set("ANTHROPIC_API_KEY", "sk-ant-new").set("PINCER_MODEL", "claude haiku #4").set("QUOTE", "say \"hi\"").write();

        assertThat(Files.readString(file)).isEqualTo("# my settings\nASSISTANT_NAME=Bob\nANTHROPIC_API_KEY=sk-ant-new\n\nTZ=Europe/Berlin\n"
                + "PINCER_MODEL=\"claude haiku #4\"\nQUOTE='say \"hi\"'\n");
        assertThat(DotEnv.read(file)).containsEntry("ANTHROPIC_API_KEY", "sk-ant-new").containsEntry("PINCER_MODEL", "claude haiku #4")
                .containsEntry("QUOTE", "say \"hi\"").containsEntry("ASSISTANT_NAME", "Bob");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(EnvFile.read(file).textWith(k -> !k.contains("KEY"))).doesNotContain("sk-ant-new").contains("# my settings", "TZ=Europe/Berlin");
    }

    @Test
    void refusesNamesAndValuesThatWouldBreakTheFile() throws Exception {
        EnvFile env = EnvFile.read(dir.resolve("none"));
        assertThatThrownBy(() -> env.set("A B", "x")).hasMessageContaining("not a setting name");
        assertThatThrownBy(() -> env.set("A", "x\nB=y")).hasMessageContaining("must be one line");
        assertThat(SecretSettings.load().isSecret("TELEGRAM_BOT_TOKEN")).isTrue();
        assertThat(SecretSettings.load().isSecret("LOOPBACK_TOKEN")).isTrue();
        assertThat(SecretSettings.load().isSecret("OPENAI_API_KEY")).isTrue();
        assertThat(SecretSettings.load().isSecret("PINCER_MAX_RUN_TOKENS")).isFalse();
        assertThat(SecretSettings.load().isSecret("TZ")).isFalse();
    }
}
