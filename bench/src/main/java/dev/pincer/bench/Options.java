package dev.pincer.bench;

import java.nio.file.Path;

/**
 * The command line of {@code bench/run}.
 *
 * @param runs    samples per measure ({@code --runs N}; 20 by default, 1 with {@code --smoke})
 * @param smoke   {@code --smoke}: tiny counts, seconds, only proves the benchmark still runs
 * @param compare {@code --compare FILE}: an earlier result to print the change against, or null
 * @param peer    false with {@code --no-peer} (and in smoke mode unless {@code --peer})
 * @param results the folder the JSON result is written to ({@code --results DIR}, default bench/results)
 */
record Options(int runs, boolean smoke, Path compare, boolean peer, Path results) {
    static final String USAGE = "usage: bench/run [--runs N] [--smoke] [--compare FILE] [--peer|--no-peer] [--results DIR]";

    static Options parse(String... args) {
        Integer runs = null;
        boolean smoke = false;
        Boolean peer = null;
        Path compare = null;
        Path results = Path.of("bench/results");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(value(args, ++i));
                case "--smoke" -> smoke = true;
                case "--compare" -> compare = Path.of(value(args, ++i));
                case "--peer" -> peer = true;
                case "--no-peer" -> peer = false;
                case "--results" -> results = Path.of(value(args, ++i));
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "\n" + USAGE);
            }
        }
        int n = runs != null ? runs : smoke ? 1 : 20;
        if (n < 1) {
            throw new IllegalArgumentException("--runs must be at least 1\n" + USAGE);
        }
        return new Options(n, smoke, compare, peer != null ? peer : !smoke, results);
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value\n" + USAGE);
        }
        return args[i];
    }
}
