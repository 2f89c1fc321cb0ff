package dev.pincer.host.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which batch an output counts for, and what a result answers. */
class BatchesTest {

    @Test
    void outputsCountForTheOldestOpenBatchAndAResultAnswersItsBatchAndTheOnesBefore() {
        Batches b = new Batches("main", "web:main", new Batches.Batch("r1", 3));
        b.add(new Batches.Batch("r2", 5));
        b.add(new Batches.Batch("r3", 8));
        assertThat(b.fedThrough()).isEqualTo(8);
        assertThat(b.target().runId()).isEqualTo("r1");
        assertThat(b.target().runIds()).containsExactlyInAnyOrder("r1", "r2", "r3");

        assertThat(b.answered("r2")).containsExactly("r1");
        assertThat(b.unanswered()).containsExactly("r3");
        assertThat(b.target().runId()).isEqualTo("r3");
        assertThat(b.answered("r2")).as("already answered").isEmpty();

        assertThat(b.answered("r3")).isEmpty();
        assertThat(b.allAnswered()).isTrue();
        assertThat(b.target().runId()).as("warm: outputs count for the latest").isEqualTo("r3");
    }

    @Test
    void aBatchThatCouldNotBeHandedOverIsTakenBack() {
        Batches b = new Batches("main", "web:main", new Batches.Batch("r1", 3));
        Batches.Batch r2 = new Batches.Batch("r2", 5);
        b.add(r2);
        b.drop(r2);
        assertThat(b.fedThrough()).isEqualTo(3);
        assertThat(b.target().runIds()).containsExactly("r1");
    }
}
