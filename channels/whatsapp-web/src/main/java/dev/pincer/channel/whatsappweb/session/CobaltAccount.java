package dev.pincer.channel.whatsappweb.session;

import dev.pincer.channel.whatsappweb.mapping.Me;
import it.auties.whatsapp.api.Whatsapp;
import it.auties.whatsapp.model.contact.ContactStatus;
import it.auties.whatsapp.model.info.ChatMessageInfo;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.message.model.MediaMessage;
import it.auties.whatsapp.model.message.model.MessageContainer;
import it.auties.whatsapp.model.message.model.MessageStatus;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** An {@link Account} on a connected Cobalt session; each call waits at most {@link #TIMEOUT}. */
final class CobaltAccount implements Account {

    static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final Whatsapp whatsapp;
    private final Me me;
    private final MediaDownload download = new MediaDownload(HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(30)).build());

    CobaltAccount(Whatsapp whatsapp) {
        this.whatsapp = whatsapp;
        var store = whatsapp.store();
        this.me = new Me(store.jid().orElseThrow(() -> new IllegalStateException("the session has no account yet")),
                store.lid().orElse(null), store.name());
    }

    @Override
    public Me me() {
        return me;
    }

    @Override
    public String send(Jid chat, MessageContainer message) throws Exception {
        ChatMessageInfo sent = whatsapp.sendChatMessage(chat, message, false).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (sent.status() == MessageStatus.ERROR) {
            throw new IOException("WhatsApp did not take the message for " + chat + " (no device of the chat could be reached)");
        }
        return sent.id();
    }

    @Override
    public Optional<ChatMessageInfo> find(Jid chat, String messageId) {
        return whatsapp.store().findChatByJid(chat).flatMap(c -> whatsapp.store().findMessageById(c, messageId));
    }

    /** Through {@link MediaDownload}: Cobalt 0.0.10's own download cannot decrypt. */
    @Override
    public java.io.InputStream download(ChatMessageInfo message, long maxBytes) throws Exception {
        if (!(message.message().content() instanceof MediaMessage<?> media)) {
            throw new IOException("message " + message.id() + " carries no file");
        }
        return download.open(media, maxBytes);
    }

    @Override
    public void typing(Jid chat) throws Exception {
        whatsapp.changePresence(chat, ContactStatus.COMPOSING).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }
}
