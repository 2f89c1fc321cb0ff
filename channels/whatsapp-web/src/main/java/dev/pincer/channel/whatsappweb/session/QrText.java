package dev.pincer.channel.whatsappweb.session;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.util.Map;

/**
 * A QR code as text for a terminal: two rows of modules per line with the Unicode half blocks
 * {@code ▀ ▄ █} and spaces, inside a quiet zone of {@link #MARGIN} modules. A block is drawn in the
 * terminal's text colour: on a dark terminal ({@code darkTerminal}) blocks are the code's light
 * modules, so its dark modules show as the dark background; on a light one, the other way round.
 */
public final class QrText {
    private QrText() {}

    static final int MARGIN = 2;

    /** The matrix of {@code content}: true is a dark module; the quiet zone included. */
    static BitMatrix matrix(String content) {
        try {
            return new QRCodeWriter().encode(content, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.MARGIN, MARGIN, EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.L));
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot draw a QR code of " + content.length() + " characters: " + e.getMessage(), e);
        }
    }

    public static String render(String content, boolean darkTerminal) {
        BitMatrix m = matrix(content);
        StringBuilder out = new StringBuilder();
        for (int y = 0; y < m.getHeight(); y += 2) {
            for (int x = 0; x < m.getWidth(); x++) {
                boolean top = drawn(m, x, y, darkTerminal);
                boolean bottom = y + 1 < m.getHeight() ? drawn(m, x, y + 1, darkTerminal) : darkTerminal; // below the code: quiet zone
                out.append(top ? bottom ? '█' : '▀' : bottom ? '▄' : ' ');
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** Whether a module is drawn with a block: light modules on a dark terminal, dark ones on a light terminal. */
    private static boolean drawn(BitMatrix m, int x, int y, boolean darkTerminal) {
        return m.get(x, y) != darkTerminal;
    }
}
