package dev.pincer.agent.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private final RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(2));

    @Test
    void backoffGrowsWithJitterAndStaysCapped() {
        assertThat(policy.backoff(1).toMillis()).isBetween(50L, 100L);
        assertThat(policy.backoff(3).toMillis()).isBetween(200L, 400L);
        assertThat(policy.backoff(10).toMillis()).isBetween(250L, 500L);
        assertThat(policy.next(2, null, Duration.ZERO).orElseThrow().toMillis()).isBetween(100L, 200L);
    }

    @Test
    void aServersRetryAfterReplacesTheBackoff() {
        assertThat(policy.next(1, Duration.ofMillis(400), Duration.ZERO)).hasValue(Duration.ofMillis(400));
        assertThat(policy.next(1, Duration.ZERO, Duration.ZERO)).hasValue(Duration.ZERO);
    }

    @Test
    void givesUpAfterTheLastAttemptOrWhenAskedToWaitTooLong() {
        assertThat(policy.next(4, null, Duration.ZERO)).isPresent();
        assertThat(policy.next(5, null, Duration.ZERO)).isEmpty();
        assertThat(policy.next(1, Duration.ofMillis(501), Duration.ZERO)).isEmpty();
    }

    @Test
    void givesUpWhenTheNextCallWouldStartAfterTheTotalTime() {
        assertThat(policy.next(1, Duration.ofMillis(400), Duration.ofMillis(1600))).hasValue(Duration.ofMillis(400));
        assertThat(policy.next(1, Duration.ofMillis(400), Duration.ofMillis(1601))).isEqualTo(Optional.empty());
    }

    @Test
    void theStandardPolicyTriesFiveTimesWithinThreeMinutes() {
        RetryPolicy standard = RetryPolicy.standard(1000);
        assertThat(standard.maxAttempts()).isEqualTo(5);
        assertThat(standard.maxWait()).isEqualTo(Duration.ofSeconds(60));
        assertThat(standard.total()).isEqualTo(Duration.ofMinutes(3));
    }
}
