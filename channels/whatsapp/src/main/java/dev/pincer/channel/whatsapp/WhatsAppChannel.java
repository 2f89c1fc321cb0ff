package dev.pincer.channel.whatsapp;

import dev.pincer.channel.whatsapp.graph.GraphApi;
import dev.pincer.channel.whatsapp.graph.GraphErrors;
import dev.pincer.channel.whatsapp.webhook.Notification;
import dev.pincer.channel.whatsapp.webhook.WebhookEndpoint;
import dev.pincer.host.channel.Capabilities;
import dev.pincer.host.channel.ChannelBase;
import dev.pincer.host.channel.ChannelContext;
import dev.pincer.host.channel.Inbound;
import dev.pincer.host.channel.Outgoing;
import dev.pincer.host.channel.OutgoingFile;
import dev.pincer.host.channel.Reconnect;
import dev.pincer.host.channel.Webhook;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WhatsApp through the Cloud API. Meta calls the webhook ({@link WebhookEndpoint}) with what people
 * send; each message is stored through the context before the webhook answers, then marked read on
 * another thread. Replies and files go out through the {@link GraphApi}; one the platform refuses
 * for good, or one outside the 24-hour {@link ServiceWindow}, is {@code Undeliverable}; a delivery
 * that fails later (a {@code failed} status) is told to the main group. The connection's state is
 * whether the Graph API takes the token: checked at start, and again, with backoff, whenever a call
 * finds the API unreachable or the token refused.
 */
public final class WhatsAppChannel extends ChannelBase {

    static final String NAME = "whatsapp";
    static final String PREFIX = "wa";
    private static final Capabilities CAPABILITIES = new Capabilities(Outbound.MAX_TEXT - Outbound.SPEAKER_ROOM,
            true, null, false, false, true);
    private static final Logger log = LoggerFactory.getLogger(WhatsAppChannel.class);

    private final GraphApi api;
    private final ServiceWindow window;
    private final SentLog sent = new SentLog();
    private final WebhookEndpoint webhook;
    /** Why the API stopped working, told by a failed call: the connection loop checks again. */
    private final LinkedBlockingQueue<String> lost = new LinkedBlockingQueue<>();
    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
    private volatile ChannelContext context;
    private volatile Reconnect connection;

    WhatsAppChannel(WhatsAppSettings settings, Path dataDir, Clock clock) {
        super(NAME, PREFIX, CAPABILITIES);
        this.api = new GraphApi(settings.graphUrl(), settings.token(), settings.phoneNumberId(), lost::offer);
        this.window = new ServiceWindow(dataDir, clock);
        this.webhook = new WebhookEndpoint(new WebhookEndpoint.Secrets(settings.appSecret(), settings.verifyToken(),
                settings.phoneNumberId()), new WebhookEndpoint.Receiver() {
                    @Override
                    public boolean ready() {
                        return context != null;
                    }

                    @Override
                    public void accept(Notification n) {
                        received(n);
                    }
                });
    }

    /**
     * The Cloud API's chats: {@code wa:} and a phone number, digits only. A {@code wa:} id with an
     * {@code @} is a WhatsApp Web chat ({@code wa:<user>@<server>}, the whatsapp-web module), so both
     * modules can be on at once.
     */
    @Override
    public boolean owns(String chatId) {
        return chatId.startsWith(PREFIX + ":") && chatId.indexOf('@') < 0;
    }

    @Override
    public void start(ChannelContext context) {
        this.context = context;
        this.connection = Reconnect.start(NAME, context, connected -> {
            lost.clear();
            api.phoneNumber();
            connected.run();
            throw new IOException(lost.take());
        });
    }

    @Override
    public Optional<Webhook> webhook() {
        return Optional.of(webhook);
    }

    @Override
    public String format(String markdown) {
        return WhatsAppFormat.format(markdown);
    }

    @Override
    public String send(Outgoing message) throws Exception {
        window.check(message.chatId());
        String id = api.send(Outbound.text(message));
        sent.add(id, message.chatId(), message.text());
        return id;
    }

    @Override
    public String sendFile(OutgoingFile file) throws Exception {
        Outbound.recipient(file.chatId());
        window.check(file.chatId());
        boolean photo = Outbound.asPhoto(file.file());
        String mediaId = api.upload(file.file().path(), file.file().name(), file.file().mimeType());
        String id = api.send(Outbound.file(file, mediaId, photo));
        sent.add(id, file.chatId(), "[file " + file.file().name() + "]");
        return id;
    }

    /** {@code GET {graph}/{media-id}} for the download URL, then the file itself, both with the token, from the host. */
    @Override
    public InputStream fetch(Inbound.Attachment attachment, long maxBytes) throws Exception {
        GraphApi.Media media = api.media(attachment.fileId());
        return api.download(media.url(), maxBytes);
    }

    @Override
    public Optional<String> check() throws Exception {
        GraphApi.PhoneNumber p = api.phoneNumber();
        return Optional.of("phone number " + p.display() + (p.verifiedName().isBlank() ? "" : " (" + p.verifiedName() + ")")
                + " accepted");
    }

    /** A webhook notification: messages stored now, read receipts later; failed deliveries told to main. */
    private void received(Notification n) {
        ChannelContext ctx = context;
        List<String> toMarkRead = new ArrayList<>();
        for (Inbound m : n.messages()) {
            if (!m.sender().self()) {
                window.opened(m.chat().id(), m.context().time()); // first: routing may queue an answer at once
                toMarkRead.add(m.id());
            }
            ctx.receive(m);
        }
        for (Notification.Status s : n.statuses()) {
            if (s.failed()) {
                ctx.tellMain(s.chatId(), failure(s));
            } else {
                log.debug("whatsapp: message {} to {} is {}", s.messageId(), s.chatId(), s.status());
            }
        }
        if (!toMarkRead.isEmpty()) {
            background.execute(() -> toMarkRead.forEach(this::markRead));
        }
    }

    private void markRead(String messageId) {
        try {
            api.markRead(messageId);
        } catch (Exception e) {
            log.warn("whatsapp: could not mark message {} read: {}", messageId, e.getMessage());
        }
    }

    /** What the main group is told about a reply WhatsApp accepted and then did not deliver. */
    private String failure(Notification.Status s) {
        String which = sent.get(s.messageId()).map(x -> " (\"" + x.preview() + "\")").orElse("");
        String why = s.errors().isEmpty() ? "no reason given"
                : s.errors().stream().map(Notification.Problem::shown).collect(Collectors.joining("; "));
        boolean window = s.errors().stream().anyMatch(p -> p.code() == GraphErrors.WINDOW_CLOSED);
        return "WhatsApp did not deliver a reply to " + s.chatId() + which + ": " + why
                + (window ? ". WhatsApp takes replies only within 24 hours of the person's last message;"
                        + " it can reach them again once they write." : ".");
    }

    @Override
    public void stop() {
        Reconnect c = connection;
        if (c != null) {
            c.close();
        }
        background.shutdown();
    }
}
