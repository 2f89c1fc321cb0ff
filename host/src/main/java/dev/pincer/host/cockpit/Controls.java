package dev.pincer.host.cockpit;

import dev.pincer.host.chatapps.ChannelStatus;
import dev.pincer.host.chatapps.ChatApps;
import dev.pincer.host.outbox.Outbox;
import dev.pincer.host.queue.GroupQueue;
import dev.pincer.host.store.OutboxStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** What the cockpit asks of and does with the running parts (the queue, the outbox, the chat apps). */
public interface Controls {

    /**
     * Each group with a sandbox or waiting for one: {@code running} (working), {@code warm} (alive,
     * idle), {@code closing}, or {@code waiting} (for a slot, no sandbox yet).
     */
    Map<String, String> sandboxes();

    /** Stops the group's working sandbox; false when nothing runs there. */
    boolean stop(String folder);

    List<ChannelStatus> channels();

    /** Outbox ids of replies to chats no channel serves (a removed channel module): they wait for it. */
    Set<Long> parked();

    /** Every delivery lane looks at its pending replies now. */
    void retryOutbox();

    static Controls of(GroupQueue queue, Outbox outbox, ChatApps apps) {
        return new Controls() {
            @Override
            public Map<String, String> sandboxes() {
                Map<String, String> out = new LinkedHashMap<>();
                queue.live().forEach(g -> out.put(g, "closing"));
                queue.waiting().forEach(g -> out.put(g, "waiting"));
                queue.warm().forEach(g -> out.put(g, "warm")); // a warm sandbox waiting for a slot is warm
                queue.active().forEach(g -> out.put(g, "running"));
                return out;
            }

            @Override
            public boolean stop(String folder) {
                return queue.stop(folder);
            }

            @Override
            public List<ChannelStatus> channels() {
                return apps.statuses();
            }

            @Override
            public Set<Long> parked() {
                return outbox.unserved().stream().map(OutboxStore.Pending::id).collect(Collectors.toSet());
            }

            @Override
            public void retryOutbox() {
                outbox.kick();
            }
        };
    }
}
