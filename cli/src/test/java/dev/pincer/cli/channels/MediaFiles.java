package dev.pincer.cli.channels;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pincer.testkit.RecordedRequest;
import dev.pincer.testkit.Reply;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * What the channels' media tests share: a real image, the fake model's turns that write a file in the
 * sandbox and send it ({@code Bash}, then {@code send_file}), and where a received file must be kept.
 */
final class MediaFiles {
    private MediaFiles() {}

    /** The reply after the file went; a failed tool call is answered "FAILED ..." instead. */
    static final String DONE = "Here is the report.";

    /** The prompt's element for a kept image, with its path inside the sandbox. */
    static final Pattern IMAGE_ELEMENT = Pattern.compile(
            "<attachment kind=\"image\"[^>]* path=\"/workspace/group/inbox/\\d{4}-\\d{2}/[0-9a-f]{12}-[^\"]+\"");

    /** The request's last message carries the image itself as an image content block (base64 JPEG or PNG). */
    static void assertImageBlock(RecordedRequest r) {
        List<JsonNode> messages = r.messages();
        assertThat(messages.getLast().path("content")).as("the user's turn has an image block").anySatisfy(b -> {
            assertThat(b.path("type").asText()).isEqualTo("image");
            assertThat(b.path("source").path("media_type").asText()).isIn("image/jpeg", "image/png");
            assertThat(b.path("source").path("data").asText()).isNotEmpty();
        });
    }

    /** An image of {@code width} x {@code height} px in {@code format} (png, jpg), as ImageIO writes it. */
    static byte[] image(int width, int height, String format) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setPaint(new GradientPaint(0, 0, Color.BLUE, width, height, Color.ORANGE));
        g.fillRect(0, 0, width, height);
        g.setColor(Color.WHITE);
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(img, format, out)) {
                throw new IllegalArgumentException("ImageIO cannot write " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The fake model's turns: write {@code out.txt} with Bash, send it with {@code send_file}, then say {@link #DONE}. */
    static Reply writeAndSend(RecordedRequest r) {
        long turns = r.messages().stream().filter(m -> m.path("role").asText().equals("assistant")).count();
        if (turns == 0) {
            return Reply.toolUse("Bash", Map.of("command", "printf report > /workspace/group/out.txt"));
        }
        if (turns == 1) {
            return Reply.toolUse("send_file", Map.of("path", "/workspace/group/out.txt"));
        }
        return r.toolResults().stream().filter(RecordedRequest.ToolResultView::isError).findFirst()
                .map(e -> Reply.text("FAILED " + e.content())).orElse(Reply.text(DONE));
    }

    /** Whether {@code text} is the last turn's answer (done, or failed). */
    static boolean answered(String text) {
        return text.equals(DONE) || text.startsWith("FAILED");
    }

    /** A file with exactly {@code bytes} is kept in {@code groups/<folder>/inbox/<this month>/}. */
    static void assertKept(Path home, String folder, byte[] bytes) throws IOException {
        Path month = home.resolve("groups").resolve(folder).resolve("inbox").resolve(YearMonth.now(ZoneOffset.UTC).toString());
        List<Path> files;
        try (Stream<Path> s = Files.list(month)) {
            files = s.toList();
        }
        assertThat(files).as("kept in %s", month).anySatisfy(f -> assertThat(Arrays.equals(Files.readAllBytes(f), bytes)).isTrue());
    }
}
