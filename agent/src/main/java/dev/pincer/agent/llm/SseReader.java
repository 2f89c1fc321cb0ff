package dev.pincer.agent.llm;

import java.io.BufferedReader;
import java.io.IOException;

/**
 * Reads Server-Sent Events (WHATWG rules): {@code event:} and {@code data:} fields, multi-line
 * data joined with newlines, comments ({@code :...}) ignored, an event dispatched at a blank line,
 * an unterminated event at end of stream dropped.
 */
public final class SseReader {

    /** One event; {@code event} is "message" when the stream gave no name. */
    public record Event(String event, String data) {}

    private final BufferedReader in;

    public SseReader(BufferedReader in) {
        this.in = in;
    }

    /** Feeds every event to {@code builder} until it is done or the stream ends; returns its turn. */
    public ModelTurn readTurn(TurnBuilder builder) throws IOException, ApiException {
        Event event;
        while (!builder.done() && (event = next()) != null) {
            builder.accept(event);
        }
        return builder.turn();
    }

    /** The next event, or null at end of stream. */
    public Event next() throws IOException {
        String name = null;
        StringBuilder data = null;
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isEmpty()) {
                if (data != null) {
                    return new Event(name == null ? "message" : name, data.toString());
                }
                name = null;
                continue;
            }
            if (line.startsWith(":")) {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "event" -> name = value;
                case "data" -> {
                    if (data == null) {
                        data = new StringBuilder(value);
                    } else {
                        data.append('\n').append(value);
                    }
                }
                default -> { } // id, retry and unknown fields do not matter here
            }
        }
        return null;
    }
}
