package dev.pincer.channel.whatsappweb;

import dev.pincer.channel.whatsapp.WhatsAppFormat;
import dev.pincer.channel.whatsappweb.mapping.ChatIds;
import dev.pincer.channel.whatsappweb.mapping.InboundMapper;
import dev.pincer.channel.whatsappweb.mapping.Me;
import dev.pincer.channel.whatsappweb.mapping.OutboundMessages;
import dev.pincer.channel.whatsappweb.session.Account;
import dev.pincer.channel.whatsappweb.session.Connection;
import dev.pincer.channel.whatsappweb.session.SessionFolder;
import dev.pincer.channel.whatsappweb.session.Sessions;
import dev.pincer.host.channel.Capabilities;
import dev.pincer.host.channel.ChannelBase;
import dev.pincer.host.channel.ChannelContext;
import dev.pincer.host.channel.Inbound;
import dev.pincer.host.channel.Outgoing;
import dev.pincer.host.channel.OutgoingFile;
import dev.pincer.host.channel.Reconnect;
import dev.pincer.host.channel.Undeliverable;
import it.auties.whatsapp.model.info.ChatMessageInfo;
import it.auties.whatsapp.model.jid.Jid;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WhatsApp Web: the owner's personal number, with Pincer linked as a companion device. The
 * {@link Connection} keeps the session up (or waits for {@code ./pincer whatsapp link}); every new
 * message of the account's chats (those {@link WebSettings#admits} lets in) goes to the core as an
 * {@link InboundMapper} made it; replies and files go out as {@link OutboundMessages}, each sent
 * message's id remembered so it is never taken for the owner's. Owns the {@code wa:} chat ids with an
 * {@code @} ({@link ChatIds}); the Cloud API channel owns those without.
 */
public final class WhatsAppWebChannel extends ChannelBase {

    static final String NAME = "whatsapp-web";
    private static final Logger log = LoggerFactory.getLogger(WhatsAppWebChannel.class);

    private final WebSettings settings;
    private final Sessions sessions;
    private final Recent recent = new Recent();
    private final Events events = new Events();
    private volatile ChannelContext context;
    private volatile Account account;
    private volatile Reconnect connection;

    WhatsAppWebChannel(WebSettings settings, SessionFolder folder) {
        super(NAME, ChatIds.PREFIX, new Capabilities(OutboundMessages.MAX_TEXT - OutboundMessages.SPEAKER_ROOM, true,
                Duration.ofSeconds(10), false, false, settings.sendFiles()));
        this.settings = settings;
        this.sessions = new Sessions(folder);
    }

    @Override
    public boolean owns(String chatId) {
        return ChatIds.owns(chatId);
    }

    /** A person's own account: people there write to its owner, not to the assistant, so nobody gets a pairing code. */
    @Override
    public boolean pairsStrangers() {
        return false;
    }

    @Override
    public void start(ChannelContext context) {
        attach(context);
        sessions.folder().create();
        Connection c = new Connection(sessions, context, events);
        this.connection = Reconnect.start(NAME, context, c::run);
    }

    /** Where received messages go (the start, without connecting; tests use it alone). */
    void attach(ChannelContext context) {
        this.context = context;
    }

    /** What the connection reports to. */
    Connection.Events events() {
        return events;
    }

    @Override
    public String format(String markdown) {
        return WhatsAppFormat.format(markdown);
    }

    @Override
    public String send(Outgoing o) throws Exception {
        Jid chat = chat(o.chatId());
        Account a = connected();
        Optional<ChatMessageInfo> quoted = OutboundMessages.quotes(o.replyTo(), o.part().index())
                ? a.find(chat, o.replyTo().messageId()) : Optional.empty();
        String id = a.send(chat, OutboundMessages.text(o, quoted));
        recent.sent(id);
        return id;
    }

    /**
     * Only with {@code WHATSAPP_WEB_SEND_FILES=on}: Cobalt 0.0.10 uploads files with a MAC over the
     * ciphertext alone (WhatsApp's, and Cobalt's own download, take the IV too), so phones are likely
     * to refuse them. Off, the core tells the chat the file could not be sent.
     */
    @Override
    public String sendFile(OutgoingFile f) throws Exception {
        if (!settings.sendFiles()) {
            throw new UnsupportedOperationException(NAME + " does not send files yet (the WhatsApp library's upload is"
                    + " faulty; " + WebSettings.SEND_FILES + "=on tries anyway)");
        }
        Jid chat = chat(f.chatId());
        OutboundMessages.asPhoto(f.file()); // refuses a file too large for WhatsApp before reading it
        Account a = connected();
        byte[] bytes = Files.readAllBytes(f.file().path());
        Optional<ChatMessageInfo> quoted = OutboundMessages.quotes(f.replyTo(), 1)
                ? a.find(chat, f.replyTo().messageId()) : Optional.empty();
        String id = a.send(chat, OutboundMessages.file(f, bytes, quoted));
        recent.sent(id);
        return id;
    }

    /** The file of a received media message, downloaded and decrypted, at most {@code maxBytes} + 1 bytes of it. */
    @Override
    public InputStream fetch(Inbound.Attachment attachment, long maxBytes) throws Exception {
        String fileId = attachment.fileId() == null ? "" : attachment.fileId();
        int slash = fileId.indexOf('/');
        if (slash <= 0) {
            throw new IllegalArgumentException("'" + fileId + "' is not a WhatsApp Web file id (<chat jid>/<message id>)");
        }
        Account a = connected();
        ChatMessageInfo message = recent.media(fileId)
                .or(() -> a.find(Jid.of(fileId.substring(0, slash)), fileId.substring(slash + 1)))
                .orElseThrow(() -> new IOException("the message of file " + fileId + " is no longer held by the session"));
        return a.download(message, maxBytes);
    }

    @Override
    public void typing(String chatId) throws Exception {
        Account a = account;
        if (a != null && owns(chatId)) {
            a.typing(ChatIds.jid(chatId));
        }
    }

    /** The link as it stands: connected, linked (connects at start), or what to do to link. */
    @Override
    public Optional<String> check() {
        Account a = account;
        if (a != null) {
            return Optional.of("connected as " + a.me().jid().toSimpleJid() + " (" + a.me().name() + ")");
        }
        SessionFolder folder = sessions.folder();
        if (!folder.linked()) {
            throw new IllegalStateException(Connection.needsLinking(folder, null));
        }
        return Optional.of("linked to " + folder.linkedAs().orElse("a phone") + "; the session is in " + folder.path()
                + " (connects when Pincer starts; not checked against WhatsApp before)");
    }

    @Override
    public void stop() {
        Reconnect c = connection;
        if (c != null) {
            c.close();
        }
    }

    private Account connected() throws IOException {
        Account a = account;
        if (a == null) {
            throw new IOException("WhatsApp Web is not connected (" + (sessions.folder().linked() ? "connecting"
                    : "not linked: run " + Connection.LINK_COMMAND) + ")");
        }
        return a;
    }

    private static Jid chat(String chatId) throws Undeliverable {
        try {
            return ChatIds.jid(chatId);
        } catch (IllegalArgumentException e) {
            throw new Undeliverable(e.getMessage());
        }
    }

    /** The connection's reports: the account while connected, and each new message. */
    private final class Events implements Connection.Events {
        @Override
        public void received(ChatMessageInfo message, Me me) {
            ChannelContext ctx = context;
            Optional<Inbound> in = InboundMapper.map(message, me, recent::sentByPincer);
            if (ctx == null || in.isEmpty() || !settings.admits(in.get().chat().id(), ChatIds.of(me.selfChat()))) {
                return;
            }
            in.get().attachments().forEach(att -> recent.media(att.fileId(), message));
            try {
                ctx.receive(in.get());
            } catch (RuntimeException e) {
                log.error("whatsapp-web: message {} in {} could not be handed over", message.id(), in.get().chat().id(), e);
            }
        }

        @Override
        public void ready(Account a) {
            account = a;
        }

        @Override
        public void lost() {
            account = null;
        }
    }
}
