package dev.pincer.channel.whatsappweb.session;

import dev.pincer.channel.whatsappweb.mapping.ChatIds;
import it.auties.whatsapp.api.DisconnectReason;
import it.auties.whatsapp.api.Listener;
import it.auties.whatsapp.api.WebOptionsBuilder;
import it.auties.whatsapp.api.Whatsapp;
import it.auties.whatsapp.model.jid.Jid;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Links a personal WhatsApp number to Pincer as a companion device ({@code ./pincer whatsapp link}):
 * starts a new session in the folder (an earlier one is removed), shows the QR code to scan or the
 * pairing code to type on the phone, waits until the phone has linked this device, closes the
 * connection and marks the folder linked, so a running Pincer picks the session up within seconds.
 * While it waits, the folder's {@link LinkState} says what it waits for.
 */
public final class Linker {

    /** How to link. */
    public sealed interface Method {
        /** A QR code drawn for a dark ({@code darkTerminal}) or a light terminal. */
        record Qr(boolean darkTerminal) implements Method {}

        /** A pairing code for the phone with this number (international, digits only). */
        record Code(long phoneNumber) implements Method {}
    }

    /**
     * A linked account.
     *
     * @param selfChat its chat with itself, e.g. {@code wa:4915112345678@s.whatsapp.net}
     * @param who      its number and name, e.g. {@code +4915112345678 (Ann)}
     */
    public record Linked(String selfChat, String who) {}

    private final Sessions sessions;
    private final Clock clock;

    public Linker(SessionFolder folder, Clock clock) {
        this.sessions = new Sessions(folder);
        this.clock = clock;
    }

    /** The international number of {@code +49 151 1234-5678} and the like: digits only, 7 to 15 of them. */
    public static long phoneNumber(String text) {
        String digits = text.replaceAll("[\\s()./-]", "");
        digits = digits.startsWith("+") ? digits.substring(1) : digits.startsWith("00") ? digits.substring(2) : digits;
        if (!digits.matches("[1-9]\\d{6,14}")) {
            throw new IllegalArgumentException("'" + text + "' is not a phone number in international form; write it"
                    + " with its country code, e.g. --phone +4915112345678");
        }
        return Long.parseLong(digits);
    }

    /**
     * Links a phone, showing what to do through {@code show}; waits at most {@code timeout}.
     *
     * @return who was linked
     * @throws IOException when no phone linked in time or WhatsApp ended the attempt
     */
    public Linked link(Method method, Consumer<String> show, Duration timeout) throws Exception {
        WebOptionsBuilder options = sessions.fresh();
        SessionFolder folder = sessions.folder();
        Whatsapp whatsapp = switch (method) {
            case Method.Qr q -> options.unregistered(qr -> {
                folder.state(new LinkState.QrShown(qr, clock.instant()));
                show.accept("On your phone: WhatsApp > Settings > Linked devices > Link a device, then scan:\n\n"
                        + QrText.render(qr, q.darkTerminal()));
            });
            case Method.Code c -> options.unregistered(c.phoneNumber(), code -> {
                folder.state(new LinkState.CodeShown(code, clock.instant()));
                show.accept("On your phone: WhatsApp > Settings > Linked devices > Link a device > Link with phone number"
                        + " instead, and enter:\n\n    " + shown(code) + "\n");
            });
        };
        CompletableFuture<DisconnectReason> ended = new CompletableFuture<>();
        whatsapp.addListener(new Listener() {
            @Override
            public void onDisconnected(DisconnectReason reason) {
                if (reason != DisconnectReason.RECONNECTING) {
                    ended.complete(reason);
                }
            }
        });
        boolean linked = false;
        try {
            Object first = CompletableFuture.anyOf(whatsapp.connect(), ended).get(timeout.toSeconds(), TimeUnit.SECONDS);
            if (first instanceof DisconnectReason reason) {
                throw new IOException("WhatsApp ended the link attempt (" + reason.name().toLowerCase(java.util.Locale.ROOT)
                        + "); run the command again");
            }
            String who = who(whatsapp);
            String selfChat = ChatIds.of(whatsapp.store().jid().orElseThrow(() -> new IOException("WhatsApp logged in"
                    + " without telling this device its number; run the command again")));
            whatsapp.disconnect().get(30, TimeUnit.SECONDS);
            folder.markLinked(selfChat, who);
            linked = true;
            return new Linked(selfChat, who);
        } catch (java.util.concurrent.ExecutionException e) {
            throw Sessions.unreachable(e);
        } catch (TimeoutException e) {
            throw new IOException("no phone linked this device within " + timeout.toMinutes() + " minutes; run the command"
                    + " again (a QR code is only valid for about a minute: scan the newest one)");
        } finally {
            if (!linked) {
                folder.clearState();
                whatsapp.disconnect();
            }
        }
    }

    /** {@code ABCD1234} as {@code ABCD-1234}, the way the phone shows its boxes. */
    static String shown(String code) {
        return code.length() == 8 ? code.substring(0, 4) + "-" + code.substring(4) : code;
    }

    private static String who(Whatsapp whatsapp) {
        var store = whatsapp.store();
        String number = store.jid().map(Jid::toSimpleJid).flatMap(Jid::toPhoneNumber).orElse("an unknown number");
        return number + " (" + store.name() + ")";
    }
}
