package dev.pincer.agent.llm;

import java.io.IOException;

/**
 * Builds one model turn from a response stream's events; each API's stream format has one
 * ({@link StreamAccumulator} for the Messages API, {@code openai.ChatStreamAccumulator} for Chat
 * Completions). {@link SseReader#readTurn} feeds it.
 */
public interface TurnBuilder {

    /** Applies one event. */
    void accept(SseReader.Event event) throws IOException, ApiException;

    /** Whether the stream said it is complete: no later event is read. */
    boolean done();

    /** The finished turn; fails when the stream ended before it was complete. */
    ModelTurn turn() throws IOException, ApiException;
}
