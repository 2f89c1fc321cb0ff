package dev.pincer.channel.discord;

import dev.pincer.host.channel.Outgoing;
import dev.pincer.host.channel.OutgoingFile;
import dev.pincer.host.channel.RateLimited;
import dev.pincer.host.channel.Speaker;
import dev.pincer.host.channel.TextSplitter;
import dev.pincer.host.channel.Undeliverable;
import java.io.IOException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.entities.channel.middleman.GuildChannel;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.exceptions.RateLimitedException;
import net.dv8tion.jda.api.requests.RestAction;
import net.dv8tion.jda.api.requests.restaction.MessageCreateAction;
import net.dv8tion.jda.api.utils.FileUpload;

/**
 * Sends through JDA's REST client and waits for Discord's answer, so the outbox knows whether a part
 * went. Requests are not queued by JDA ({@code submit(false)}): a 429 comes back at once as
 * {@link RateLimited} with Discord's {@code Retry-After}, and the outbox waits exactly that long.
 * Mentions in replies are limited to users (never {@code @everyone}, {@code @here} or roles).
 */
final class Outbound {

    /** The longest wait for Discord's answer to one request. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** Discord's longest message. */
    static final int DISCORD_MAX = 2000;
    /** Room kept within {@link #DISCORD_MAX} for a sub-agent's name above its message ({@link #withSpeaker}). */
    static final int SPEAKER_ROOM = 100;

    /** Where JDA comes from: the running session. */
    @FunctionalInterface
    interface Session {
        JDA current() throws IOException;
    }

    private final Session session;
    private final DirectChats directChats;

    Outbound(Session session, DirectChats directChats) {
        this.session = session;
        this.directChats = directChats;
    }

    /** Sends one part; a thread's reply goes into the thread. Returns the new message's id. */
    String send(Outgoing o) throws Exception {
        Outgoing.ReplyTo replyTo = o.replyTo();
        String target = replyTo != null && replyTo.threadId() != null ? replyTo.threadId() : channelId(o.chatId());
        MessageChannel channel = channel(target);
        MessageCreateAction action = channel.sendMessage(withSpeaker(o.speaker(), o.text())).setAllowedMentions(EnumSet.of(Message.MentionType.USER));
        if (replyTo != null && o.part().index() == 1 && (replyTo.isReply() || channel instanceof ThreadChannel)) {
            action = action.setMessageReference(replyTo.messageId());
        }
        return complete(action).getId();
    }

    /**
     * Sends a file as an attachment with its caption as the message (images show inline), in the
     * thread as {@link #send} does. A caption longer than a message goes first as messages of its
     * own; a file over the channel's upload limit (10 MB, more in a boosted server) is
     * {@link Undeliverable} before anything is sent.
     */
    String sendFile(OutgoingFile f) throws Exception {
        Outgoing.ReplyTo replyTo = f.replyTo();
        MessageChannel channel = channel(replyTo != null && replyTo.threadId() != null ? replyTo.threadId() : channelId(f.chatId()));
        long limit = channel instanceof GuildChannel g ? g.getGuild().getMaxFileSize() : Message.MAX_FILE_SIZE;
        if (f.file().size() > limit) {
            throw new Undeliverable(String.format(Locale.ROOT, "Discord takes files of up to %d MB here; \"%s\" is %.1f MB",
                    limit >> 20, f.file().name(), f.file().size() / 1_048_576.0));
        }
        String content = withSpeaker(f.speaker(), f.caption() == null ? "" : f.caption()).strip();
        if (content.length() > DISCORD_MAX) {
            for (String part : TextSplitter.split(content, DISCORD_MAX, String::length)) {
                complete(channel.sendMessage(part).setAllowedMentions(EnumSet.of(Message.MentionType.USER)));
            }
            content = "";
        }
        MessageCreateAction action = channel.sendFiles(FileUpload.fromData(f.file().path(), f.file().name()))
                .setAllowedMentions(EnumSet.of(Message.MentionType.USER));
        if (!content.isEmpty()) {
            action = action.setContent(content);
        }
        if (replyTo != null && (replyTo.isReply() || channel instanceof ThreadChannel)) {
            action = action.setMessageReference(replyTo.messageId());
        }
        try {
            return complete(action).getId();
        } catch (IOException e) {
            if (e.getCause() instanceof ErrorResponseException r && (r.getErrorCode() == 40005 || r.getResponse() != null
                    && r.getResponse().code == 413)) {
                throw new Undeliverable("Discord refused \"" + f.file().name() + "\" as too large (" + e.getMessage() + ")", e);
            }
            throw e;
        }
    }

    /** Shows "typing…" in the chat's channel for about 10 s. */
    void typing(String chatId) throws Exception {
        complete(channel(channelId(chatId)).sendTyping());
    }

    /** A sub-agent's reply starts with its name in bold on a line of its own; the assistant's own replies do not. */
    static String withSpeaker(Speaker speaker, String text) {
        if (speaker == null || speaker.role() == null) {
            return text;
        }
        String name = speaker.shown().replaceAll("([\\\\*_~|`>#\\[\\]()<])", "\\\\$1");
        if (name.length() > SPEAKER_ROOM - 6) {
            name = name.substring(0, SPEAKER_ROOM - 7) + "…";
        }
        return "**" + name + "**\n" + text;
    }

    private MessageChannel channel(String id) throws Exception {
        JDA jda = session.current();
        MessageChannel channel = jda.getChannelById(MessageChannel.class, id);
        if (channel != null) {
            return channel;
        }
        Optional<String> user = directChats.user(id);
        if (user.isPresent()) {
            return complete(jda.openPrivateChannelById(user.get()));
        }
        throw new IOException("the bot does not see Discord channel " + id
                + " (is it still in that server, with permission to view the channel?)");
    }

    private static String channelId(String chatId) {
        String id = chatId.substring(chatId.indexOf(':') + 1);
        if (!id.matches("\\d{1,20}")) {
            throw new IllegalArgumentException("not a Discord chat id: " + chatId + " (expected dc:<channel id>)");
        }
        return id;
    }

    /** Runs a request now and waits for its answer (at most {@link #TIMEOUT}); Discord's refusals become exceptions that say why. */
    static <T> T complete(RestAction<T> action) throws Exception {
        CompletableFuture<T> future = action.submit(false);
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new IOException("Discord did not answer within " + TIMEOUT.toSeconds() + " s");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RateLimitedException r) {
                throw new RateLimited(Duration.ofMillis(r.getRetryAfter()),
                        "Discord rate limit on " + r.getRateLimitedRoute());
            }
            throw new IOException(describe(cause), cause);
        }
    }

    /** A JDA failure in words: Discord's error code and meaning, or the network problem. */
    static String describe(Throwable t) {
        if (t instanceof ErrorResponseException e) {
            Exception io = e.getResponse() == null ? null : e.getResponse().getException();
            if (io != null) {
                return "cannot reach Discord: " + io;
            }
            return "Discord answered" + (e.getResponse() == null ? "" : " HTTP " + e.getResponse().code) + " (error " + e.getErrorCode() + ": " + e.getMeaning()
                    + ")" + hint(e.getErrorCode());
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    private static String hint(int code) {
        return switch (code) {
            case 50001, 50013 -> "; give the bot the View Channel and Send Messages permissions in that channel";
            case 10003 -> "; the channel is gone";
            case 50007 -> "; the person does not take direct messages from the bot";
            default -> "";
        };
    }
}
