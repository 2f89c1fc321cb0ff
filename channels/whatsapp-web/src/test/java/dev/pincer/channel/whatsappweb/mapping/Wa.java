package dev.pincer.channel.whatsappweb.mapping;

import it.auties.whatsapp.model.chat.ChatBuilder;
import it.auties.whatsapp.model.info.ChatMessageInfo;
import it.auties.whatsapp.model.info.ChatMessageInfoBuilder;
import it.auties.whatsapp.model.info.ContextInfo;
import it.auties.whatsapp.model.info.ContextInfoBuilder;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.message.model.ChatMessageKeyBuilder;
import it.auties.whatsapp.model.message.model.Message;
import it.auties.whatsapp.model.message.model.MessageContainer;
import it.auties.whatsapp.model.message.model.MessageStatus;
import it.auties.whatsapp.model.message.standard.TextMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * Messages as Cobalt hands them to a listener, built with Cobalt's own builders: the linked account
 * {@link #ME} (Olivia, +49 170 0000001 on device 7), her friend {@link #ANN} and a group {@link #FAMILY}.
 */
public final class Wa {
    private Wa() {}

    public static final Jid ME_JID = Jid.of("491700000001:7@s.whatsapp.net");
    public static final Jid ME_LID = Jid.of("81234567890123@lid");
    public static final Me ME = new Me(ME_JID, ME_LID, "Olivia");
    public static final Jid ANN = Jid.of("4915112345678@s.whatsapp.net");
    public static final Jid BOB = Jid.of("4915187654321@s.whatsapp.net");
    public static final Jid FAMILY = Jid.of("120363041234567890@g.us");
    public static final long TIME = 1_764_000_000L;

    /** A message from {@code sender} in {@code chat}. */
    public static ChatMessageInfo message(Jid chat, Jid sender, String id, Message content) {
        return message(chat, sender, id, false, MessageContainer.of(content));
    }

    public static ChatMessageInfo message(Jid chat, Jid sender, String id, boolean fromMe, MessageContainer content) {
        ChatMessageInfo m = new ChatMessageInfoBuilder()
                .key(new ChatMessageKeyBuilder().id(id).chatJid(chat).senderJid(sender).fromMe(fromMe).build())
                .senderJid(sender)
                .pushName(sender.equals(ANN) ? "Ann" : sender.equals(BOB) ? "Bob" : null)
                .timestampSeconds(TIME)
                .status(MessageStatus.DELIVERED)
                .message(content)
                .build();
        if (chat.equals(FAMILY)) {
            m.setChat(new ChatBuilder().jid(FAMILY).name("Family").build());
        }
        return m;
    }

    public static TextMessage text(String text) {
        return TextMessage.of(text);
    }

    /** A text with WhatsApp's context: who it mentions, which message it quotes. */
    public static TextMessage text(String text, List<Jid> mentions, String quotedId) {
        TextMessage t = TextMessage.of(text);
        t.setContextInfo(context(mentions, quotedId));
        return t;
    }

    public static ContextInfo context(List<Jid> mentions, String quotedId) {
        return new ContextInfoBuilder().mentions(new ArrayList<>(mentions)).quotedMessageId(quotedId)
                .quotedMessageSenderJid(quotedId == null ? null : ANN).build();
    }
}
