package dev.pincer.host.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GroupQueueTest {

    @Test
    void neverRunsAGroupTwiceAtOnceAndReRunsWhenWokenDuringARun() throws Exception {
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger maxSeen = new AtomicInteger();
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        try (GroupQueue q = new GroupQueue(5, g -> {
            maxSeen.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
            runs.incrementAndGet();
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            concurrent.decrementAndGet();
        })) {
            q.wake("a");
            await().until(() -> runs.get() == 1);
            q.wake("a");
            q.wake("a");
            release.countDown();
            await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() == 2 && q.active().isEmpty());
            assertThat(maxSeen.get()).isEqualTo(1);
        }
    }

    @Test
    void respectsTheGlobalCapAndServesWaitingGroupsInOrder() throws Exception {
        List<String> started = new CopyOnWriteArrayList<>();
        Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();
        for (String g : List.of("a", "b", "c", "d")) {
            gates.put(g, new CountDownLatch(1));
        }
        try (GroupQueue q = new GroupQueue(2, g -> {
            started.add(g);
            try {
                gates.get(g).await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        })) {
            q.wake("a");
            q.wake("b");
            q.wake("c");
            q.wake("d");
            await().until(() -> started.size() == 2);
            assertThat(q.active()).containsExactlyInAnyOrder("a", "b");
            assertThat(q.waiting()).containsExactly("c", "d");
            gates.get("b").countDown();
            await().until(() -> started.size() == 3);
            assertThat(started.get(2)).isEqualTo("c");
            gates.values().forEach(CountDownLatch::countDown);
            await().until(() -> started.size() == 4 && q.active().isEmpty());
            // a and b start together (their threads may record in either order); c and d follow in order
            assertThat(started.subList(0, 2)).containsExactlyInAnyOrder("a", "b");
            assertThat(started.subList(2, 4)).containsExactly("c", "d");
        }
    }

    @Test
    void aFailingRunFreesItsSlot() {
        AtomicInteger runs = new AtomicInteger();
        try (GroupQueue q = new GroupQueue(1, g -> {
            runs.incrementAndGet();
            throw new IllegalStateException("boom");
        })) {
            q.wake("a");
            q.wake("b");
            await().until(() -> runs.get() == 2 && q.active().isEmpty());
        }
    }
}
