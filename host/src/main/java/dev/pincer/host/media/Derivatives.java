package dev.pincer.host.media;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * What the model is given instead of an original: an image larger than the providers take (long side
 * over {@link #MAX_SIDE} px) scaled down to a JPEG; a PDF's text, for providers that take no documents.
 * An image nothing can read is refused with the reason.
 */
final class Derivatives {
    private Derivatives() {}

    /** The longest side the providers take without scaling themselves. */
    static final int MAX_SIDE = 1568;
    /** At most this much PDF text (characters) goes to a model. */
    static final int MAX_TEXT = 200_000;

    /** Why an image cannot be used. */
    static final class Unreadable extends IOException {
        private static final long serialVersionUID = 1L;

        Unreadable(String why) {
            super(why);
        }
    }

    /**
     * A downscaled copy at {@code target} when the image is larger than {@link #MAX_SIDE}; false when
     * the original can be given as it is.
     *
     * @throws Unreadable when the file is not an image the providers take (JPEG, PNG, GIF, WebP)
     */
    static boolean scaleImage(Path source, String mimeType, Path target) throws IOException {
        if ("image/webp".equals(mimeType)) {
            int[] size = WebpSize.of(source);
            if (size == null) {
                throw new Unreadable("it is not a WebP image that can be read");
            }
            if (Math.max(size[0], size[1]) > MAX_SIDE) {
                throw new Unreadable("it is a WebP image of " + size[0] + "x" + size[1] + " px, larger than "
                        + MAX_SIDE + " px, which Pincer cannot scale down; send it as JPEG or PNG");
            }
            return false;
        }
        BufferedImage image;
        try (InputStream in = Files.newInputStream(source)) {
            image = ImageIO.read(in);
        }
        if (image == null) {
            throw new Unreadable("it could not be read as an image (JPEG, PNG, GIF or WebP)");
        }
        int w = image.getWidth();
        int h = image.getHeight();
        if (Math.max(w, h) <= MAX_SIDE) {
            return false;
        }
        double scale = (double) MAX_SIDE / Math.max(w, h);
        int nw = Math.max(1, (int) Math.round(w * scale));
        int nh = Math.max(1, (int) Math.round(h * scale));
        BufferedImage scaled = new BufferedImage(nw, nh, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scaled.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(image, 0, 0, nw, nh, java.awt.Color.WHITE, null);
        } finally {
            g.dispose();
        }
        try (var out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            if (!ImageIO.write(scaled, "jpg", out)) {
                throw new IOException("no JPEG writer");
            }
        }
        return true;
    }

    /** The text of a PDF, written to {@code target} (at most {@link #MAX_TEXT} characters). */
    static void pdfText(Path source, Path target) throws IOException {
        try (PDDocument doc = Loader.loadPDF(source.toFile())) {
            String text = new PDFTextStripper().getText(doc).strip();
            if (text.length() > MAX_TEXT) {
                text = text.substring(0, MAX_TEXT) + "\n[... the rest of the document is not included]";
            }
            Files.writeString(target, text, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        }
    }

    /** The size a WebP file's header declares (lossy VP8, lossless VP8L, extended VP8X), or null. */
    static final class WebpSize {
        private WebpSize() {}

        static int[] of(Path file) throws IOException {
            byte[] h = new byte[30];
            try (InputStream in = Files.newInputStream(file)) {
                if (in.readNBytes(h, 0, 30) < 30) {
                    return null;
                }
            }
            if (!new String(h, 0, 4, java.nio.charset.StandardCharsets.US_ASCII).equals("RIFF")
                    || !new String(h, 8, 4, java.nio.charset.StandardCharsets.US_ASCII).equals("WEBP")) {
                return null;
            }
            String chunk = new String(h, 12, 4, java.nio.charset.StandardCharsets.US_ASCII);
            return switch (chunk) {
                case "VP8 " -> new int[] {le16(h, 26) & 0x3fff, le16(h, 28) & 0x3fff};
                case "VP8L" -> {
                    int b = (h[21] & 0xff) | (h[22] & 0xff) << 8 | (h[23] & 0xff) << 16 | (h[24] & 0xff) << 24;
                    yield new int[] {(b & 0x3fff) + 1, (b >> 14 & 0x3fff) + 1};
                }
                case "VP8X" -> new int[] {le24(h, 24) + 1, le24(h, 27) + 1};
                default -> null;
            };
        }

        private static int le16(byte[] b, int i) {
            return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8;
        }

        private static int le24(byte[] b, int i) {
            return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8 | (b[i + 2] & 0xff) << 16;
        }
    }
}
