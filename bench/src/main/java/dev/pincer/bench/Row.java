package dev.pincer.bench;

/**
 * One line of the benchmark's table: a measure of issue 15's table, its numbers and its target.
 *
 * @param key    stable name in the JSON, e.g. {@code cold_first_request_ms}
 * @param label  what is measured, for the printed table
 * @param unit   {@code ms}, {@code MiB}, {@code msg/s} or {@code count}
 * @param stats  the samples' median, p95 and p99
 * @param ratio  the median over its physical floor measured in the same run, or null when there is none
 * @param target the target of issue 15, in words
 */
public record Row(String key, String label, String unit, Stats stats, Double ratio, String target) {

    public Row(String key, String label, String unit, Stats stats, String target) {
        this(key, label, unit, stats, null, target);
    }
}
