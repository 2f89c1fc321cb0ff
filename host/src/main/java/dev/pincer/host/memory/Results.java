package dev.pincer.host.memory;

import java.util.List;

/**
 * What a search found, best first.
 *
 * @param ranker how {@link Hit#score} was computed ({@code bm25} today; a semantic or hybrid ranker
 *               can be added without changing the shape)
 * @param match  whether the hits contain all the query's words, or (when none did) any of them
 */
public record Results(String ranker, Match match, List<Hit> hits) {

    /** Which words a hit contains. */
    public enum Match {
        ALL("all"), ANY("any");

        private final String wireName;

        Match(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    public Results {
        hits = List.copyOf(hits);
    }
}
