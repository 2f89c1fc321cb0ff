package dev.pincer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pincer.cli.api.PincerApi;
import dev.pincer.host.channel.ChatId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One web chat of a running Pincer, as {@code chat} and {@code send} use it: post a message, read
 * what came after a {@code seq} (long-polling), find the newest {@code seq}.
 */
final class WebChat {

    /** A message as the API shows it. */
    record Message(long seq, String id, String sender, String text, boolean fromAssistant) {
        static Message of(JsonNode m) {
            return new Message(m.path("seq").asLong(), m.path("id").asText(), m.path("sender").asText(),
                    m.path("text").asText(), m.path("fromAssistant").asBoolean());
        }
    }

    /** A posted message: its id and its seq in the chat. */
    record Posted(String id, long seq) {}

    /** The API's page size: a shorter page is the last one. */
    private static final int PAGE = 500;

    private final PincerApi api;
    private final String name;

    /** @param chat a web chat name ({@code main}) or id ({@code web:main}) */
    WebChat(PincerApi api, String chat) {
        this.api = api;
        this.name = name(chat);
    }

    /** The web chat name of {@code chat}; other channels' chats are refused (they are written to in their apps). */
    static String name(String chat) {
        String n = chat.startsWith("web:") ? chat.substring(4) : chat;
        if (n.contains(":")) {
            throw new Fail("'" + chat + "' is a chat of another channel; from here you can write to web chats"
                    + " (main, or web:<name> of a registered group)");
        }
        if (!ChatId.WEB_NAME.matcher(n).matches()) {
            throw new Fail("invalid chat name '" + chat + "': use 1-64 characters a-z, 0-9, '_' or '-'");
        }
        return n;
    }

    /** The chat id, e.g. {@code web:main}. */
    String jid() {
        return "web:" + name;
    }

    Posted post(String text) {
        JsonNode r = api.post(path(), Map.of("text", text));
        return new Posted(r.path("id").asText(), r.path("seq").asLong());
    }

    /** Messages after {@code seq}; waits up to {@code wait} (at most 60 s) when there are none yet. */
    List<Message> after(long seq, Duration wait) {
        long seconds = Math.max(0, Math.min(60, wait.toSeconds()));
        JsonNode r = api.get(path() + "?after=" + seq + "&wait=" + seconds, Duration.ofSeconds(seconds + 30));
        List<Message> out = new ArrayList<>();
        r.path("messages").forEach(m -> out.add(Message.of(m)));
        return out;
    }

    /** The newest message's seq (0 in an empty chat). */
    long lastSeq() {
        long seq = 0;
        while (true) {
            List<Message> page = after(seq, Duration.ZERO);
            if (!page.isEmpty()) {
                seq = page.get(page.size() - 1).seq();
            }
            if (page.size() < PAGE) {
                return seq;
            }
        }
    }

    private String path() {
        return "/api/chats/" + name + "/messages";
    }
}
