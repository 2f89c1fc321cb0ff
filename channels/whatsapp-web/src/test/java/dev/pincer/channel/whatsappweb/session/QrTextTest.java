package dev.pincer.channel.whatsappweb.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The terminal QR code is a real, readable QR code: drawn with half blocks, then read back as a camera would. */
class QrTextTest {

    /** What WhatsApp Web's QR codes carry: a ref and three base64 keys, comma-separated. */
    static final String CONTENT = "2@Xq8v0d1dJY1qQ2m0AbCdEfGhIjKlMnOpQrStUvWxYz0123456789+/AbCdEfGhIjKlMnOpQrSt==,"
            + "tLk2Zr2nQm4Sx1b7GdN3Wm3sV9Qz7f8cQWJx5l8a1yE=,9cZ2k3Yh0eVt8m1Q4rB6nU5sW2xJ7pL0aF3gH6jK9oM=,"
            + "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789+/AbCd=,1";

    @Test
    void aDarkTerminalsCodeReadsBack() throws Exception {
        assertThat(read(QrText.render(CONTENT, true), true)).isEqualTo(CONTENT);
    }

    @Test
    void aLightTerminalsCodeReadsBack() throws Exception {
        assertThat(read(QrText.render(CONTENT, false), false)).isEqualTo(CONTENT);
    }

    @Test
    void twoRowsOfModulesGoInOneLineOfHalfBlocks() {
        var matrix = QrText.matrix(CONTENT);
        List<String> lines = QrText.render(CONTENT, true).lines().toList();
        assertThat(lines).hasSize((matrix.getHeight() + 1) / 2);
        assertThat(lines).allSatisfy(l -> {
            assertThat(l).hasSize(matrix.getWidth());
            assertThat(l).matches("[█▀▄ ]+");
        });
        assertThat(lines.get(0)).as("the quiet zone is light: full blocks on a dark terminal").matches("█+");
    }

    /** Reads the code in {@code text} the way a phone sees the terminal: blocks in the text colour. */
    static String read(String text, boolean darkTerminal) throws Exception {
        List<String> lines = text.lines().toList();
        int scale = 4;
        int width = lines.get(0).length();
        int height = lines.size() * 2;
        int[] pixels = new int[width * scale * height * scale];
        int ink = darkTerminal ? 0xFFFFFF : 0x000000;
        int paper = darkTerminal ? 0x000000 : 0xFFFFFF;
        for (int row = 0; row < lines.size(); row++) {
            for (int x = 0; x < width; x++) {
                char c = lines.get(row).charAt(x);
                boolean top = c == '█' || c == '▀';
                boolean bottom = c == '█' || c == '▄';
                for (int dy = 0; dy < 2 * scale; dy++) {
                    for (int dx = 0; dx < scale; dx++) {
                        boolean drawn = dy < scale ? top : bottom;
                        pixels[((row * 2 * scale) + dy) * width * scale + x * scale + dx] = drawn ? ink : paper;
                    }
                }
            }
        }
        var source = new RGBLuminanceSource(width * scale, height * scale, pixels);
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source))).getText();
    }
}
