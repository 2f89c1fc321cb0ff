package dev.pincer.host.chatapps;

import dev.pincer.host.channel.Channel;
import dev.pincer.host.events.EventBus;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps "typing…" visible in a chat while its run is busy: on the agent's {@code typing} event it
 * shows the indicator at once and again every {@link dev.pincer.host.channel.Capabilities#typingEvery()}
 * until the run says it stopped (or {@link #LONGEST} passed, a safety net). Channels without a
 * typing indicator are left alone; a failed indicator is logged, never retried harder.
 */
public final class TypingKeeper implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TypingKeeper.class);
    /** No chat shows typing longer than this without a new typing event. */
    static final Duration LONGEST = Duration.ofMinutes(30);

    private final ChatApps apps;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("typing").factory());
    private final Map<String, ScheduledFuture<?>> busy = new ConcurrentHashMap<>();
    private final AutoCloseable subscription;

    public TypingKeeper(ChatApps apps, EventBus events) {
        this.apps = apps;
        this.subscription = events.subscribe(e -> {
            if (e.type().equals("typing") && e.data() instanceof Map<?, ?> m && m.get("chat") instanceof String chat) {
                set(chat, Boolean.TRUE.equals(m.get("typing")));
            }
        });
    }

    void set(String chat, boolean typing) {
        ScheduledFuture<?> old = busy.remove(chat);
        if (old != null) {
            old.cancel(false);
        }
        Channel channel = apps.owner(chat).orElse(null);
        if (!typing || channel == null || !channel.capabilities().typing()) {
            return;
        }
        long every = channel.capabilities().typingEvery().toMillis();
        long until = System.nanoTime() + LONGEST.toNanos();
        busy.put(chat, timer.scheduleAtFixedRate(() -> {
            if (System.nanoTime() > until) {
                set(chat, false);
                return;
            }
            try {
                channel.typing(chat);
            } catch (Exception ex) {
                log.debug("typing in {} failed: {}", chat, ex.toString());
            }
        }, 0, every, TimeUnit.MILLISECONDS));
    }

    @Override
    public void close() {
        try {
            subscription.close();
        } catch (Exception e) {
            log.debug("unsubscribing: {}", e.toString());
        }
        timer.shutdownNow();
    }
}
