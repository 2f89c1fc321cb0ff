package dev.pincer.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebTokenTest {

    @TempDir
    Path dir;

    @Test
    void explicitTokenWinsAndNoFileIsWritten() throws IOException {
        Path file = dir.resolve("data/web-token");
        assertThat(WebToken.resolve("  my-own-token-1234567 ", file)).isEqualTo("my-own-token-1234567");
        assertThat(file).doesNotExist();
    }

    @Test
    void generatesAnOwnerOnlyTokenFileOnceAndReusesIt() throws IOException {
        Path file = dir.resolve("data/web-token");
        String token = WebToken.resolve(null, file);

        assertThat(token).matches("[A-Za-z0-9_-]{43}");
        assertThat(Files.readString(file).strip()).isEqualTo(token);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(WebToken.resolve("", file)).isEqualTo(token);
        assertThat(WebToken.resolve(" ", file)).isEqualTo(token);
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
        assertThat(WebToken.generate()).isNotEqualTo(token);
    }

    @Test
    void tightensAFileReadableByOthers() throws IOException {
        Path file = dir.resolve("web-token");
        Files.writeString(file, "existing-token\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThat(WebToken.resolve(null, file)).isEqualTo("existing-token");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void replacesAnEmptyFile() throws IOException {
        Path file = dir.resolve("web-token");
        Files.writeString(file, "\n");
        String token = WebToken.resolve(null, file);
        assertThat(token).hasSize(43);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void refusesASymbolicLink() throws IOException {
        Path target = Files.writeString(dir.resolve("elsewhere"), "x");
        Path file = Files.createSymbolicLink(dir.resolve("web-token"), target);
        assertThatThrownBy(() -> WebToken.resolve(null, file)).isInstanceOf(IOException.class)
                .hasMessageContaining("symbolic link");
    }

    @Test
    void neitherTheListenSettingsNorAnUploadShowTheirTokenAsString() {
        assertThat(new WebServer.Listen("web-token-123", "127.0.0.1", 0).toString())
                .doesNotContain("web-token-123").contains("token=****");
        assertThat(new Uploads.Upload("upload-token-456", "a.png", "image/png", 3).toString())
                .doesNotContain("upload-token-456").contains("a.png");
    }
}
