package dev.pincer.channel.telegram;

import dev.pincer.host.channel.Capabilities;
import dev.pincer.host.channel.ChannelBase;
import dev.pincer.host.channel.ChannelContext;
import dev.pincer.host.channel.Inbound;
import dev.pincer.host.channel.Outgoing;
import dev.pincer.host.channel.OutgoingFile;
import dev.pincer.host.channel.Reconnect;
import dev.pincer.host.channel.Speaker;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.generics.TelegramClient;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.api.methods.ActionType;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.methods.ParseMode;
import org.telegram.telegrambots.meta.api.methods.send.SendChatAction;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/**
 * A Telegram bot as a Pincer channel: receives by long polling ({@link Poller}, kept up by
 * {@link Reconnect}), sends replies as Telegram HTML ({@link TelegramHtml}) with {@code sendMessage},
 * shows "typing…" with {@code sendChatAction}, fetches and sends files ({@link TelegramFiles}). A
 * sub-agent speaks through its own pool bot ({@link BotPool}) when there is one, else through the
 * main bot with its name in bold in front.
 */
public final class TelegramChannel extends ChannelBase {

    private static final Logger log = LoggerFactory.getLogger(TelegramChannel.class);

    /** Telegram's limit for one message's text. */
    static final int TELEGRAM_MAX = 4096;
    /** Kept free in every part for a sub-agent's name in front of it. */
    static final int HEADING_ROOM = 96;

    private final Tuning tuning;
    private final OkHttpClient http;
    private final TelegramClient bot;
    private final BotPool pool;
    private final TelegramFiles files;
    private final List<TelegramClient> poolClients = new ArrayList<>();
    private volatile Reconnect connection;

    TelegramChannel(TelegramSettings settings, Path dataDir, Tuning tuning) {
        super("telegram", UpdateMapper.PREFIX,
                new Capabilities(TELEGRAM_MAX - HEADING_ROOM, true, Duration.ofSeconds(4), false, false, true));
        this.tuning = tuning;
        this.http = new OkHttpClient.Builder().connectTimeout(10, TimeUnit.SECONDS)
                .readTimeout(tuning.pollTimeout().plusSeconds(20).toMillis(), TimeUnit.MILLISECONDS)
                .writeTimeout(30, TimeUnit.SECONDS).build();
        this.bot = new OkHttpTelegramClient(http, settings.token(), settings.telegramUrl());
        List<BotPool.Bot> bots = new ArrayList<>();
        for (String token : settings.poolTokens()) {
            TelegramClient client = new OkHttpTelegramClient(http, token, settings.telegramUrl());
            poolClients.add(client);
            bots.add(new BotPool.Bot(TelegramSettings.botId(token), client));
        }
        this.pool = new BotPool(bots, dataDir.resolve("pool-bots.properties"));
        this.files = new TelegramFiles(bot, http, settings);
    }

    @Override
    public void start(ChannelContext context) {
        Poller poller = new Poller(bot, pool.ids(), tuning, context, me -> log.info("Telegram: connected as @{} (id {})",
                me.username(), me.id()));
        connection = Reconnect.start(name(), context, poller, tuning.backoff());
    }

    @Override
    public String format(String markdown) {
        return TelegramHtml.format(markdown);
    }

    @Override
    public String send(Outgoing message) throws Exception {
        long chat = chatId(message.chatId());
        try {
            return speak(message.speaker(), message.chatId(),
                    (via, heading) -> deliver(via, chat, heading + message.text(), message.replyTo()));
        } catch (TelegramApiException e) {
            throw ApiErrors.sendFailure("sendMessage", e);
        }
    }

    /**
     * Sends a file ({@link TelegramFiles}) with its caption; a caption too long for one goes first as a
     * message of its own. A sub-agent's file comes from its pool bot, or with its name on the caption.
     */
    @Override
    public String sendFile(OutgoingFile file) throws Exception {
        long chat = chatId(file.chatId());
        TelegramFiles.checkSize(file.file());
        String method = TelegramFiles.asPhoto(file.file()) ? "sendPhoto" : "sendDocument";
        try {
            return speak(file.speaker(), file.chatId(), (via, heading) -> {
                String caption = heading + (file.caption() == null ? "" : file.caption());
                if (!TelegramFiles.fitsCaption(caption)) {
                    deliver(via, chat, caption, file.replyTo());
                    caption = "";
                }
                return files.send(via, chat, file, caption);
            });
        } catch (TelegramApiException e) {
            throw TelegramFiles.sendFailure(method, e);
        }
    }

    @Override
    public InputStream fetch(Inbound.Attachment attachment, long maxBytes) throws Exception {
        return files.fetch(attachment, maxBytes);
    }

    /** One way of saying something in a chat, by bot {@code via}, with {@code heading} (a sub-agent's name, or "") in front. */
    @FunctionalInterface
    private interface Saying {
        String say(TelegramClient via, String heading) throws TelegramApiException;
    }

    /**
     * Says it as {@code speaker}: through the sub-agent's own pool bot when it has one that may write
     * in the chat, else through the main bot with the sub-agent's name in bold in front.
     */
    private String speak(Speaker speaker, String chatId, Saying saying) throws TelegramApiException {
        Optional<BotPool.Bot> own = speaker == null ? Optional.empty() : pool.forSpeaker(speaker);
        if (own.isPresent()) {
            try {
                return saying.say(own.get().client(), "");
            } catch (TelegramApiException e) {
                if (!ApiErrors.notAllowedThere(e)) {
                    throw e;
                }
                log.warn("pool bot {} cannot write in {} ({}); {} speaks through the main bot (add the pool bot to"
                        + " the chat, or check " + TelegramSettings.POOL_TOKENS + ")", own.get().id(), chatId, ApiErrors.description(e), speaker.shown());
            }
        }
        return saying.say(bot, speaker != null && speaker.role() != null ? heading(speaker) : "");
    }

    /** Sends HTML; when Telegram cannot parse it, the same words again as plain text rather than losing them. */
    private String deliver(TelegramClient via, long chat, String html, Outgoing.ReplyTo replyTo) throws TelegramApiException {
        try {
            return String.valueOf(via.execute(message(chat, html, replyTo, true)).getMessageId());
        } catch (TelegramApiException e) {
            if (!ApiErrors.htmlRefused(e)) {
                throw e;
            }
            log.warn("Telegram refused the HTML of a reply to tg:{} ({}); sending it as plain text", chat,
                    ApiErrors.description(e));
            return String.valueOf(via.execute(message(chat, TelegramHtml.plain(html), replyTo, false)).getMessageId());
        }
    }

    private static SendMessage message(long chat, String text, Outgoing.ReplyTo replyTo, boolean html) {
        Integer quoted = quoted(replyTo);
        return SendMessage.builder().chatId(chat).text(text).parseMode(html ? ParseMode.HTML : null).messageThreadId(thread(replyTo))
                .replyToMessageId(quoted).allowSendingWithoutReply(quoted == null ? null : Boolean.TRUE).build();
    }

    /** The forum topic a reply stays in, or null. */
    static Integer thread(Outgoing.ReplyTo replyTo) {
        return replyTo == null ? null : number(replyTo.threadId());
    }

    /** The message a reply quotes: only when the triggering message was itself a reply; else null. */
    static Integer quoted(Outgoing.ReplyTo replyTo) {
        return replyTo == null || !replyTo.isReply() ? null : number(replyTo.messageId());
    }

    /** A sub-agent's name in bold, in front of its words when no pool bot speaks for it. */
    static String heading(Speaker speaker) {
        String shown = speaker.shown().length() <= BotPool.MAX_NAME ? speaker.shown()
                : speaker.shown().substring(0, BotPool.MAX_NAME);
        return "<b>" + TelegramHtml.escape(shown) + "</b>\n";
    }

    @Override
    public void typing(String chatId) throws Exception {
        try {
            bot.execute(SendChatAction.builder().chatId(chatId(chatId)).action(ActionType.TYPING.toString()).build());
        } catch (TelegramApiException e) {
            throw ApiErrors.sendFailure("sendChatAction", e);
        }
    }

    @Override
    public Optional<String> check() throws Exception {
        StringBuilder what = new StringBuilder("bot @").append(me(bot, TelegramSettings.TOKEN)).append(" accepted");
        for (int i = 0; i < poolClients.size(); i++) {
            what.append(i == 0 ? "; pool bots " : ", ").append('@')
                    .append(me(poolClients.get(i), TelegramSettings.POOL_TOKENS + " (token " + (i + 1) + ")"));
        }
        return Optional.of(poolClients.isEmpty() ? what.toString() : what.append(" accepted").toString());
    }

    private static String me(TelegramClient client, String setting) throws TelegramApiException {
        try {
            User u = client.execute(new GetMe());
            return u.getUserName();
        } catch (TelegramApiException e) {
            throw new TelegramApiException(ApiErrors.describe("getMe", e, setting), e);
        }
    }

    @Override
    public void stop() {
        Reconnect c = connection;
        if (c != null) {
            c.close();
        }
        http.dispatcher().cancelAll();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    /** The pool's assignments (role to bot id), for tests. */
    Map<String, Long> poolAssignments() {
        return pool.assignments();
    }

    private static long chatId(String chatId) {
        try {
            return Long.parseLong(chatId.substring(chatId.indexOf(':') + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + chatId + "' is not a Telegram chat id: use tg:<number>, e.g. tg:-100123");
        }
    }

    private static Integer number(String id) {
        if (id == null) {
            return null;
        }
        try {
            return Integer.valueOf(id);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
