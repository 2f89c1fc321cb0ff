package dev.pincer.host.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Warm sandboxes: a runner that answered gives up its slot but stays; wakes become feeds; the
 * least recently used warm sandbox is closed when a new one needs room; shutdown closes them.
 * Each fake sandbox is a thread driven by its lease, like the real {@code LiveSandbox}.
 */
class GroupQueueWarmTest {

    /** A scripted sandbox: answers each batch after {@code work}, then idles until closed. */
    static final class Fake {
        final List<String> events = new CopyOnWriteArrayList<>();
        final Map<String, AtomicInteger> starts = new ConcurrentHashMap<>();
        final AtomicInteger busyNow = new AtomicInteger();
        final AtomicInteger maxBusy = new AtomicInteger();
        volatile long workMillis = 200;

        GroupQueue.Runner runner() {
            return (group, lease) -> {
                starts.computeIfAbsent(group, g -> new AtomicInteger()).incrementAndGet();
                LinkedBlockingQueue<Boolean> signals = new LinkedBlockingQueue<>();
                lease.onSignal(() -> signals.offer(true));
                try {
                    work(group, "start");
                    while (true) {
                        if (!lease.idle()) {
                            lease.takeFeed();
                            work(group, "feed");
                            continue;
                        }
                        events.add(group + " warm");
                        while (true) {
                            signals.poll(5, TimeUnit.SECONDS);
                            if (lease.takeClose()) {
                                events.add(group + " closed");
                                return;
                            }
                            if (lease.takeFeed()) {
                                work(group, "feed");
                                break;
                            }
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            };
        }

        /** Wakes {@code group} and waits until its sandbox reports {@code what} ({@code start}, {@code warm}). */
        void wake(GroupQueue q, String group, String what) {
            q.wake(group);
            await().until(() -> events.contains(group + " " + what));
        }

        private void work(String group, String what) throws InterruptedException {
            maxBusy.accumulateAndGet(busyNow.incrementAndGet(), Math::max);
            events.add(group + " " + what);
            Thread.sleep(workMillis);
            busyNow.decrementAndGet();
        }
    }

    @Test
    void aWarmSandboxHoldsNoSlotAndTakesTheNextMessageItself() {
        Fake f = new Fake();
        try (GroupQueue q = new GroupQueue(1, f.runner())) {
            f.wake(q, "a", "warm");
            assertThat(q.active()).isEmpty();
            assertThat(q.warm()).containsExactly("a");

            q.wake("a");
            await().until(() -> f.events.stream().filter(e -> e.equals("a warm")).count() == 2);
            assertThat(f.events).containsExactly("a start", "a warm", "a feed", "a warm");
            assertThat(f.starts.get("a").get()).as("one sandbox").isEqualTo(1);
        }
    }

    @Test
    void wakesDuringABusyRunAreFedIntoTheSameSandbox() {
        Fake f = new Fake();
        f.workMillis = 500;
        try (GroupQueue q = new GroupQueue(2, f.runner())) {
            f.wake(q, "a", "start");
            q.wake("a");
            q.wake("a");
            await().atMost(Duration.ofSeconds(5)).until(() -> f.events.contains("a warm"));
            assertThat(f.events).containsExactly("a start", "a feed", "a warm");
            assertThat(f.starts.get("a").get()).isEqualTo(1);
        }
    }

    @Test
    void aNewSandboxEvictsTheLeastRecentlyUsedWarmOneAndTheCapHolds() {
        Fake f = new Fake();
        try (GroupQueue q = new GroupQueue(2, f.runner())) {
            f.wake(q, "a", "warm");
            f.wake(q, "b", "warm");
            assertThat(q.live()).containsExactly("a", "b");

            f.wake(q, "c", "warm"); // two alive already: a, idle the longest, makes room
            assertThat(f.events).contains("a closed").doesNotContain("b closed");
            await().until(() -> q.live().equals(java.util.Set.of("b", "c")));

            q.wake("a"); // a starts again; b is now the least recently used
            await().until(() -> f.starts.get("a").get() == 2 && f.events.contains("b closed"));
            assertThat(f.maxBusy.get()).isLessThanOrEqualTo(2);
        }
    }

    @Test
    void aWarmSandboxFedAgainHoldsTheSlotAndOthersWaitForIt() {
        Fake f = new Fake();
        try (GroupQueue q = new GroupQueue(1, f.runner())) {
            f.wake(q, "a", "warm");
            f.workMillis = 800;
            q.wake("a"); // the warm sandbox takes the free slot again
            q.wake("b");
            assertThat(q.active()).containsExactly("a");
            assertThat(q.waiting()).containsExactly("b");
            await().atMost(Duration.ofSeconds(5)).until(() -> f.events.contains("b warm"));
            assertThat(f.events).containsSubsequence("a feed", "a warm", "a closed");
            assertThat(f.events.indexOf("b start")).isGreaterThan(f.events.indexOf("a feed"));
            assertThat(f.maxBusy.get()).isEqualTo(1);
        }
    }

    @Test
    void closeAsksWarmSandboxesToCloseAndBusyOnesOnceTheyAnswered() {
        Fake f = new Fake();
        f.workMillis = 600;
        GroupQueue q = new GroupQueue(3, f.runner());
        f.wake(q, "a", "warm");
        f.wake(q, "b", "start");
        q.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> q.live().isEmpty());
        assertThat(f.events).contains("a closed", "b warm", "b closed");
        q.wake("c");
        assertThat(f.starts).doesNotContainKey("c");
    }

    @Test
    void aGroupWokenWhileItsSandboxClosesRunsAgainAfterwards() {
        Fake f = new Fake();
        try (GroupQueue q = new GroupQueue(1, f.runner())) {
            f.wake(q, "a", "warm");
            q.wake("b"); // evicts a
            q.wake("a"); // a is closing: it must run again once gone
            await().atMost(Duration.ofSeconds(5)).until(() -> f.starts.get("a").get() == 2);
        }
    }
}
