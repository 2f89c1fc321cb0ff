package dev.pincer.agent.media;

import dev.pincer.protocol.SandboxPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Files in a temp folder standing for the inbox, and the prompt elements the host writes for them. */
public final class InboxFixture {
    public static final byte[] JPEG_MAGIC = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0};
    public static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private final Path root;

    public InboxFixture(Path root) throws IOException {
        this.root = Files.createDirectories(root);
    }

    public Path root() {
        return root;
    }

    /** The prompt files an agent reads from this inbox. */
    public PromptFiles files() {
        return new PromptFiles(root);
    }

    /** Writes {@code bytes} at {@code rel} (e.g. {@code 2026-12/abc-cat.jpg}); returns its sandbox path. */
    public String put(String rel, byte[] bytes) throws IOException {
        Path file = root.resolve(rel);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
        return SandboxPaths.INBOX + "/" + rel;
    }

    /** {@code magic} followed by {@code size - magic.length} bytes of {@code fill}. */
    public static byte[] bytes(byte[] magic, int size, char fill) {
        byte[] b = new byte[size];
        Arrays.fill(b, (byte) fill);
        System.arraycopy(magic, 0, b, 0, magic.length);
        return b;
    }

    /** A small PDF of {@code pages} page objects. */
    public static byte[] pdf(int pages) {
        StringBuilder sb = new StringBuilder("%PDF-1.4\n1 0 obj << /Type /Pages /Count ").append(pages).append(" >> endobj\n");
        for (int i = 0; i < pages; i++) {
            sb.append(i + 2).append(" 0 obj << /Type /Page /Parent 1 0 R >> endobj\n");
        }
        return sb.append("%%EOF\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** An element the way the host writes it (values already escaped); null attributes are left out. */
    public static String element(String kind, String name, String type, String path, String view) {
        StringBuilder sb = new StringBuilder("<attachment kind=\"").append(kind).append('"');
        attr(sb, "name", name);
        attr(sb, "type", type);
        attr(sb, "path", path);
        attr(sb, "view", view);
        return sb.append("/>").toString();
    }

    private static void attr(StringBuilder sb, String name, String value) {
        if (value != null) {
            sb.append(' ').append(name).append("=\"").append(value).append('"');
        }
    }

    /** A one-message prompt as the host formats it, the elements after the text. */
    public static String prompt(String text, String... elements) {
        return "<messages>\n<message sender=\"Ann\" time=\"2026-12-02T10:00:00Z\">" + text
                + (elements.length == 0 ? "" : "\n" + String.join("\n", elements)) + "</message>\n</messages>";
    }
}
