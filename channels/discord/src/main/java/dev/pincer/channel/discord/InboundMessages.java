package dev.pincer.channel.discord;

import dev.pincer.host.channel.ChannelContext;
import dev.pincer.host.channel.Inbound;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.MessageReference;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.entities.channel.Channel;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.entities.channel.middleman.GuildChannel;
import net.dv8tion.jda.api.entities.sticker.StickerItem;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands every message JDA receives to the core as an {@link Inbound}: chat {@code dc:<channel id>}
 * (a thread's messages belong to its parent channel's chat, with the thread as their thread), a group
 * when it is a server's channel, the bot's own messages marked {@code self} by the bot's user id.
 */
final class InboundMessages extends ListenerAdapter {

    private static final Logger log = LoggerFactory.getLogger(InboundMessages.class);

    private final ChannelContext context;
    private final DirectChats directChats;

    InboundMessages(ChannelContext context, DirectChats directChats) {
        this.context = context;
        this.directChats = directChats;
    }

    @Override
    public void onMessageReceived(MessageReceivedEvent event) {
        Message m = event.getMessage();
        Optional<Inbound> inbound = map(m, event.getJDA().getSelfUser());
        if (inbound.isEmpty()) {
            log.debug("discord: message {} of type {} has nothing to hand over", m.getId(), m.getType());
            return;
        }
        Inbound in = inbound.get();
        if (!in.chat().group() && !in.sender().self()) {
            directChats.remember(m.getChannel().getId(), m.getAuthor().getId());
        }
        context.receive(in);
    }

    /** The message as the core takes it; empty for system messages and for ones without text or files. */
    static Optional<Inbound> map(Message m, User self) {
        if (m.getType().isSystem()) {
            return Optional.empty();
        }
        List<Inbound.Attachment> files = attachments(m);
        String text = m.getContentDisplay();
        if (text.isBlank() && files.isEmpty()) {
            return Optional.empty();
        }
        Channel where = m.getChannel();
        String threadId = null;
        if (where instanceof ThreadChannel thread) {
            threadId = thread.getId();
            where = thread.getParentChannel();
        }
        boolean group = m.isFromGuild();
        boolean isSelf = m.getAuthor().getIdLong() == self.getIdLong();
        Member member = m.getMember();
        String senderName = member != null ? member.getEffectiveName() : m.getAuthor().getEffectiveName();
        String chatName = group ? "#" + where.getName() + " (" + ((GuildChannel) where).getGuild().getName() + ")"
                : isSelf ? null : senderName;
        MessageReference ref = m.getMessageReference();
        return Optional.of(new Inbound(
                new Inbound.Chat(DiscordChannel.PREFIX + ":" + where.getId(), chatName, group),
                new Inbound.Sender(m.getAuthor().getId(), senderName, isSelf),
                m.getId(), text,
                new Inbound.Context(ref == null ? null : ref.getMessageId(), threadId, !isSelf && mentions(m, self),
                        m.getTimeCreated().toInstant()),
                files));
    }

    /**
     * Whether the message mentions the bot: the bot's user, or the role Discord made for the bot
     * (people often pick that one from the mention list). Mass mentions do not count.
     */
    static boolean mentions(Message m, User self) {
        return m.getMentions().isMentioned(self, Message.MentionType.USER)
                || m.getMentions().getRoles().stream().anyMatch(r -> r.getTags().getBotIdLong() == self.getIdLong());
    }

    private static List<Inbound.Attachment> attachments(Message m) {
        List<Inbound.Attachment> out = new ArrayList<>();
        for (Message.Attachment a : m.getAttachments()) {
            out.add(new Inbound.Attachment(kind(a.getContentType(), a.getFileName(), m.isVoiceMessage()),
                    a.getFileName(), a.getContentType(), a.getSize(), a.getUrl()));
        }
        for (StickerItem s : m.getStickers()) {
            out.add(new Inbound.Attachment(Inbound.Attachment.Kind.STICKER, s.getName(), null, 0, s.getIconUrl()));
        }
        return out;
    }

    /** What a file is, from its content type (or, when Discord gives none, its name). */
    static Inbound.Attachment.Kind kind(String contentType, String fileName, boolean voiceMessage) {
        if (voiceMessage) {
            return Inbound.Attachment.Kind.VOICE;
        }
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        if (type.startsWith("image/") || type.isEmpty() && name.matches(".*\\.(png|jpe?g|gif|webp)")) {
            return Inbound.Attachment.Kind.IMAGE;
        }
        if (type.startsWith("audio/") || type.isEmpty() && name.matches(".*\\.(mp3|ogg|oga|wav|m4a|flac)")) {
            return Inbound.Attachment.Kind.AUDIO;
        }
        if (type.startsWith("video/") || type.isEmpty() && name.matches(".*\\.(mp4|webm|mov)")) {
            return Inbound.Attachment.Kind.VIDEO;
        }
        return Inbound.Attachment.Kind.DOCUMENT;
    }
}
