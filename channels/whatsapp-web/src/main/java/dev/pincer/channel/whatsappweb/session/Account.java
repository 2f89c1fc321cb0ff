package dev.pincer.channel.whatsappweb.session;

import dev.pincer.channel.whatsappweb.mapping.Me;
import it.auties.whatsapp.model.info.ChatMessageInfo;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.message.model.MessageContainer;
import java.util.Optional;

/** What the channel does with a connected WhatsApp Web session. */
public interface Account {

    /** The linked account. */
    Me me();

    /**
     * Sends a message to a chat.
     *
     * @return WhatsApp's id of the sent message
     * @throws Exception when it was not sent
     */
    String send(Jid chat, MessageContainer message) throws Exception;

    /** A message of a chat the session still holds (to quote it or fetch its file). */
    Optional<ChatMessageInfo> find(Jid chat, String messageId);

    /** The decrypted file of a media message: at most {@code maxBytes} + 1 bytes of it. */
    java.io.InputStream download(ChatMessageInfo message, long maxBytes) throws Exception;

    /** Shows "typing…" in a chat. */
    void typing(Jid chat) throws Exception;
}
