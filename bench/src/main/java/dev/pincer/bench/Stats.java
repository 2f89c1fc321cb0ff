package dev.pincer.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a list of samples comes to: median, 95th and 99th percentile (nearest rank) and how many.
 *
 * @param median the middle sample (the upper one of two)
 * @param p95    the sample 95 % of the others are at or below
 * @param p99    the sample 99 % of the others are at or below
 * @param n      how many samples
 */
public record Stats(double median, double p95, double p99, int n) {

    public static Stats of(List<Double> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no samples");
        }
        List<Double> s = new ArrayList<>(samples);
        Collections.sort(s);
        return new Stats(s.get(s.size() / 2), rank(s, 0.95), rank(s, 0.99), s.size());
    }

    /** One measured value (a single run), as a Stats of one sample. */
    public static Stats one(double value) {
        return new Stats(value, value, value, 1);
    }

    private static double rank(List<Double> sorted, double q) {
        int i = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }
}
