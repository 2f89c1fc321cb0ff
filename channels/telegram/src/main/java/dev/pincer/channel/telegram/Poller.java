package dev.pincer.channel.telegram;

import dev.pincer.host.channel.ChannelContext;
import dev.pincer.host.channel.RateLimited;
import dev.pincer.host.channel.Reconnect;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.telegram.telegrambots.meta.generics.TelegramClient;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod;
import org.telegram.telegrambots.meta.api.methods.updates.DeleteWebhook;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/**
 * One long-polling connection to the Bot API, run by {@link Reconnect}: {@code getMe} (who the bot
 * is), {@code deleteWebhook} (long polling and a webhook exclude each other), a first
 * {@code getUpdates} that does not wait (then the channel is connected), then long polls until one
 * fails (after a 429 the next connection first waits as long as Telegram asked). Each update is
 * handed to the core before the next offset confirms it, so a message is never lost between a
 * failure and the retry (a redelivered one is stored once).
 *
 * <p>The telegrambots long-polling module is not used: it logs and swallows failed polls, so the
 * channel's state could not say that Telegram is unreachable.
 */
final class Poller implements Reconnect.Session {

    private static final List<String> UPDATES = List.of("message", "channel_post");

    private final TelegramClient bot;
    private final Set<Long> poolIds;
    private final int timeoutSeconds;
    private final ChannelContext context;
    private final Consumer<BotIdentity> identified;
    private int lastUpdate;
    /** Not before this may the next connection call Telegram (it asked to wait with a 429). */
    private Instant quietUntil = Instant.EPOCH;

    /**
     * @param identified told who the bot is each time a connection starts
     */
    Poller(TelegramClient bot, Set<Long> poolIds, Tuning tuning, ChannelContext context, Consumer<BotIdentity> identified) {
        this.bot = bot;
        this.poolIds = poolIds;
        this.timeoutSeconds = (int) Math.max(0, tuning.pollTimeout().toSeconds());
        this.context = context;
        this.identified = identified;
    }

    @Override
    public void run(Runnable connected) throws Exception {
        Duration quiet = Duration.between(Instant.now(), quietUntil);
        if (quiet.isPositive()) {
            Thread.sleep(quiet);
        }
        User user = call(new GetMe());
        BotIdentity me = new BotIdentity(user.getId(), user.getUserName(), poolIds);
        identified.accept(me);
        call(DeleteWebhook.builder().build());
        hand(call(poll(0)), me);
        connected.run();
        while (!Thread.currentThread().isInterrupted()) {
            hand(call(poll(timeoutSeconds)), me);
        }
        throw new InterruptedException("stopped");
    }

    private GetUpdates poll(int timeout) {
        return GetUpdates.builder().offset(lastUpdate + 1).timeout(timeout).limit(100).allowedUpdates(UPDATES).build();
    }

    private void hand(List<Update> updates, BotIdentity me) {
        for (Update u : updates) {
            if (u.getUpdateId() == null || u.getUpdateId() <= lastUpdate) {
                continue;
            }
            UpdateMapper.map(u, me).ifPresent(context::receive);
            lastUpdate = u.getUpdateId();
        }
    }

    /** Calls the Bot API; a failure becomes one line saying what failed and why (the state shows it). */
    private <T extends java.io.Serializable> T call(BotApiMethod<T> method) throws Exception {
        try {
            return bot.execute(method);
        } catch (TelegramApiException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("stopped");
            }
            RateLimited limited = ApiErrors.rateLimit(method.getMethod(), e);
            if (limited != null) {
                quietUntil = Instant.now().plus(limited.retryAfter());
            }
            throw new TelegramApiException(ApiErrors.describe(method.getMethod(), e), e);
        }
    }
}
