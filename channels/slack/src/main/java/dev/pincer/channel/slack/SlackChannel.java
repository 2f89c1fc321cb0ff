package dev.pincer.channel.slack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pincer.host.channel.Backoff;
import dev.pincer.host.channel.Capabilities;
import dev.pincer.host.channel.ChannelBase;
import dev.pincer.host.channel.ChannelContext;
import dev.pincer.host.channel.Inbound;
import dev.pincer.host.channel.Outgoing;
import dev.pincer.host.channel.OutgoingFile;
import dev.pincer.host.channel.Reconnect;
import dev.pincer.host.channel.Speaker;
import java.io.InputStream;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slack: chats {@code slack:<channel id>}, received through Socket Mode ({@link SocketSession}, kept
 * up by {@link Reconnect}), answered with {@code chat.postMessage} in mrkdwn ({@link Mrkdwn}); files
 * come and go through {@link SlackFiles}.
 *
 * <p>Replies: a message in a thread is answered in that thread ({@code thread_ts}); a top-level
 * message is answered in the channel. A sub-agent speaks under its own name ({@code username},
 * which needs the {@code chat:write.customize} scope); without that scope its name leads the text
 * in bold. Slack has no typing indicator for bots, so {@link Capabilities#typingEvery()} is null.
 */
final class SlackChannel extends ChannelBase {

    private static final Logger log = LoggerFactory.getLogger(SlackChannel.class);

    /**
     * The longest part, after formatting. Slack advises at most 4,000 characters of text per message
     * (it truncates far longer ones); 3,500 leaves room for a sub-agent's bold name prefix.
     */
    static final int MAX_LENGTH = 3500;
    static final Capabilities CAPABILITIES = new Capabilities(MAX_LENGTH, true, null, false, false, true);

    private final SlackSettings settings;
    private final SlackApi api;
    private final SlackFiles files;
    private final EventMapper mapper;
    private final Backoff backoff;
    private Reconnect reconnect;

    SlackChannel(SlackSettings settings, String assistantName, Backoff backoff) {
        super("slack", EventMapper.PREFIX, CAPABILITIES);
        this.settings = settings;
        this.api = new SlackApi(settings);
        this.files = new SlackFiles(api, settings);
        this.mapper = new EventMapper(new Directory(api::userName, api::chatName, Clock.systemUTC()), assistantName);
        this.backoff = backoff;
    }

    @Override
    public synchronized void start(ChannelContext context) {
        if (reconnect != null) {
            throw new IllegalStateException("the Slack channel is already started");
        }
        reconnect = Reconnect.start(name(), context, new SocketSession(api, settings.appToken(),
                (event, me) -> receive(context, event, me)), backoff);
    }

    private void receive(ChannelContext context, JsonNode event, Identity me) {
        var inbound = mapper.map(event, me);
        if (inbound.isPresent()) {
            context.receive(inbound.get());
        } else {
            log.debug("slack: event {} / {} is not a message; ignored", event.path("type").asText(), event.path("subtype").asText());
        }
    }

    @Override
    public String format(String markdown) {
        return Mrkdwn.format(markdown);
    }

    @Override
    public String send(Outgoing message) throws Exception {
        String channel = message.chatId().substring(prefix().length() + 1);
        String speaker = subAgent(message.speaker());
        String text = message.text();
        String username = null;
        if (speaker != null) {
            if (api.identity().canCustomize()) {
                username = speaker;
            } else {
                text = "*" + Mrkdwn.escape(speaker) + "*\n" + text;
            }
        }
        return api.post(channel, text, threadTs(message.replyTo()), username);
    }

    /** Uploads the file ({@link SlackFiles}) into the chat and thread; a sub-agent's name leads its caption in bold. */
    @Override
    public String sendFile(OutgoingFile file) throws Exception {
        String speaker = subAgent(file.speaker());
        String comment = speaker == null ? file.caption()
                : "*" + Mrkdwn.escape(speaker) + "*" + (file.caption() == null ? "" : "\n" + file.caption());
        files.send(file, file.chatId().substring(prefix().length() + 1), threadTs(file.replyTo()), comment);
        return null; // Slack shares an uploaded file later; its message's ts is not known yet
    }

    @Override
    public InputStream fetch(Inbound.Attachment attachment, long maxBytes) throws Exception {
        return files.fetch(attachment, maxBytes);
    }

    private static String subAgent(Speaker speaker) {
        return speaker == null || speaker.role() == null ? null : speaker.shown();
    }

    /** The thread a reply goes to: the triggering message's thread, else itself when it was a reply; else none. */
    static String threadTs(Outgoing.ReplyTo replyTo) {
        if (replyTo == null) {
            return null;
        }
        if (replyTo.threadId() != null) {
            return replyTo.threadId();
        }
        return replyTo.isReply() ? replyTo.messageId() : null;
    }

    @Override
    public Optional<String> check() throws Exception {
        Identity me = api.identity();
        api.socketModeUrl();
        return Optional.of("bot @" + me.name() + " in workspace " + me.team() + " accepted; the app token opens Socket Mode"
                + (me.canCustomize() ? "" : "; without chat:write.customize sub-agents' names are shown in bold"));
    }

    @Override
    public synchronized void stop() {
        if (reconnect != null) {
            reconnect.close();
            reconnect = null;
        }
        try {
            api.close();
        } catch (Exception e) {
            log.warn("slack: closing the Web API client failed: {}", e.toString());
        }
    }
}
