package dev.pincer.channel.whatsappweb.mapping;

import it.auties.whatsapp.model.jid.Jid;
import java.util.Objects;

/**
 * The linked account: the person whose number Pincer is a companion device of.
 *
 * @param jid    its WhatsApp id, e.g. {@code 4915112345678:7@s.whatsapp.net} (with this device's number)
 * @param lid    its hidden-number id ({@code ...@lid}) that groups may use instead, or null when unknown
 * @param name   its display name
 */
public record Me(Jid jid, Jid lid, String name) {

    public Me {
        Objects.requireNonNull(jid, "jid");
        name = name == null || name.isBlank() ? jid.user() : name;
    }

    /** Whether {@code other} (any device of it) is this account, by its number or its hidden-number id. */
    public boolean is(Jid other) {
        if (other == null) {
            return false;
        }
        Jid simple = other.toSimpleJid();
        return simple.equals(jid.toSimpleJid()) || (lid != null && simple.equals(lid.toSimpleJid()));
    }

    /** This very device (the number and the device): what Pincer sends from. */
    public boolean isThisDevice(Jid other) {
        return other != null && other.equals(jid) && jid.hasDevice();
    }

    /** The chat with oneself ("Message yourself"). */
    public Jid selfChat() {
        return jid.toSimpleJid();
    }
}
