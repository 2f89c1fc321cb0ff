package dev.pincer.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IpcFilesTest {

    @TempDir Path dir;

    @Test
    void recordsRoundTripWithTheirTypeAndFilesSortByCreation() throws Exception {
        var start = new AgentInput.Start("r1", "<messages/>", null, new AgentInput.Group("main", "web:main", true),
                new AgentInput.Setup("Andy", "anthropic", "m"));
        Path first = IpcFiles.write(dir, start);
        Path second = IpcFiles.write(dir, new AgentOutput.Result("r1", "ok", "s", null, new Usage(1, 2, 3, 4)));
        assertThat(Files.readString(first)).contains("\"type\":\"start\"");
        assertThat(IpcFiles.list(dir)).containsExactly(first, second);
        assertThat(Json.MAPPER.readValue(IpcFiles.read(first), AgentInput.class)).isEqualTo(start);
        AgentOutput out = Json.MAPPER.readValue(IpcFiles.read(second), AgentOutput.class);
        assertThat(out).isInstanceOfSatisfying(AgentOutput.Result.class, r -> assertThat(r.usage().cacheWriteTokens()).isEqualTo(4));
    }

    @Test
    void temporaryFilesAndStrangeNamesAreNotListed() throws Exception {
        Files.writeString(dir.resolve(IpcFiles.newName() + ".tmp"), "{}");
        Files.writeString(dir.resolve("../escape.json".replace("../", "")), "{}");
        assertThat(IpcFiles.list(dir)).isEmpty();
    }

    @Test
    void symlinksAndOversizedFilesAreRefused() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret"), "x");
        Path link = Files.createSymbolicLink(dir.resolve(IpcFiles.newName()), secret);
        assertThatThrownBy(() -> IpcFiles.read(link)).hasMessageContaining("not a regular file");
        Path big = dir.resolve(IpcFiles.newName());
        Files.write(big, new byte[(int) IpcFiles.MAX_BYTES + 1]);
        assertThatThrownBy(() -> IpcFiles.read(big)).hasMessageContaining("limit");
    }
}
