package dev.pincer.channel.whatsappweb;

import dev.pincer.channel.whatsappweb.mapping.Me;
import dev.pincer.channel.whatsappweb.mapping.Wa;
import dev.pincer.channel.whatsappweb.session.Account;
import it.auties.whatsapp.model.info.ChatMessageInfo;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.message.model.MessageContainer;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A connected session for the channel's tests: records what it is asked to send, holds messages and files. */
final class FakeAccount implements Account {

    record Sent(Jid chat, MessageContainer message, String id) {}

    final List<Sent> sent = new CopyOnWriteArrayList<>();
    final List<Jid> typing = new CopyOnWriteArrayList<>();
    final Map<String, ChatMessageInfo> held = new ConcurrentHashMap<>();
    final Map<String, byte[]> files = new ConcurrentHashMap<>();

    @Override
    public Me me() {
        return Wa.ME;
    }

    @Override
    public String send(Jid chat, MessageContainer message) {
        String id = "3EB0PINCER" + (sent.size() + 1);
        sent.add(new Sent(chat, message, id));
        return id;
    }

    @Override
    public Optional<ChatMessageInfo> find(Jid chat, String messageId) {
        return Optional.ofNullable(held.get(messageId)).filter(m -> m.chatJid().equals(chat));
    }

    @Override
    public InputStream download(ChatMessageInfo message, long maxBytes) {
        byte[] b = files.get(message.id());
        return new ByteArrayInputStream(b, 0, (int) Math.min(b.length, maxBytes + 1));
    }

    @Override
    public void typing(Jid chat) {
        typing.add(chat);
    }
}
