package dev.pincer.agent.llm;

/**
 * Hears the text of an answer while it streams in: {@code soFar} is the whole text of the current
 * text block up to now (a retried call starts again from empty). Called on the reading thread for
 * each delta; it must be quick and must not keep {@code soFar}, which keeps changing.
 */
@FunctionalInterface
public interface DraftListener {

    DraftListener NONE = soFar -> { };

    void text(CharSequence soFar);
}
