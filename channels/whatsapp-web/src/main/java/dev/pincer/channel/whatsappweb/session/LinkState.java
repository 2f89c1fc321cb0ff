package dev.pincer.channel.whatsappweb.session;

import java.time.Instant;
import java.util.Optional;

/**
 * A link in progress, as {@code ./pincer whatsapp link} shows it: a QR code waiting to be scanned,
 * or a pairing code waiting to be typed on the phone. Kept in the session folder so the running
 * channel (its status and {@code ./pincer doctor}) can tell the owner what it waits for; the QR's
 * content is kept too, so a page could draw it.
 */
public sealed interface LinkState {

    Instant since();

    /** What the owner has to do, in one line. */
    String describe();

    /** @param qr the QR code's content (what the phone's camera reads) */
    record QrShown(String qr, Instant since) implements LinkState {
        @Override
        public String describe() {
            return "a QR code is waiting to be scanned (shown by ./pincer whatsapp link since " + since + ";"
                    + " on the phone: WhatsApp > Linked devices > Link a device)";
        }
    }

    /** @param code the pairing code to type on the phone, e.g. {@code ABCD1234} */
    record CodeShown(String code, Instant since) implements LinkState {
        @Override
        public String describe() {
            return "pairing code " + code + " is waiting to be entered on the phone (WhatsApp > Linked devices >"
                    + " Link a device > Link with phone number instead; shown since " + since + ")";
        }
    }

    /** One line: kind, epoch second, value. */
    default String encode() {
        return switch (this) {
            case QrShown q -> "qr " + q.since().getEpochSecond() + " " + q.qr();
            case CodeShown c -> "code " + c.since().getEpochSecond() + " " + c.code();
        };
    }

    /** The state a line written by {@link #encode()} describes; empty when it is not one. */
    static Optional<LinkState> parse(String line) {
        String[] p = line.strip().split(" ", 3);
        if (p.length != 3 || !p[1].matches("\\d{1,12}") || p[2].isBlank()) {
            return Optional.empty();
        }
        Instant since = Instant.ofEpochSecond(Long.parseLong(p[1]));
        return switch (p[0]) {
            case "qr" -> Optional.of(new QrShown(p[2], since));
            case "code" -> Optional.of(new CodeShown(p[2], since));
            default -> Optional.empty();
        };
    }
}
