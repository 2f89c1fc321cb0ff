package dev.pincer.cli.crash;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pincer.testkit.FakeAnthropic;
import dev.pincer.testkit.RecordedRequest;
import dev.pincer.testkit.Reply;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fake model for crash tests. Messages are named {@code M<n>}, optionally with {@code SLEEP: s}:
 * it answers {@code ANSWER M3 M4} naming the messages of the newest user turn, after the longest
 * sleep they ask for. Checks the tests make: which messages each request carried.
 */
final class CrashModel implements AutoCloseable {

    private static final Pattern ID = Pattern.compile("\\bM(\\d+)\\b");
    private static final Pattern SLEEP = Pattern.compile("SLEEP: (\\d+)");

    final FakeAnthropic fake = new FakeAnthropic();

    CrashModel() {
        fake.respondWith(this::answer);
    }

    private Reply answer(RecordedRequest r) {
        String asked = r.lastUserText();
        Set<String> ids = ids(asked);
        long sleep = 0;
        for (Matcher m = SLEEP.matcher(asked); m.find(); ) {
            sleep = Math.max(sleep, Long.parseLong(m.group(1)));
        }
        return Reply.text("ANSWER " + String.join(" ", ids)).delayMillis(sleep * 1000);
    }

    static Set<String> ids(String text) {
        Set<String> ids = new LinkedHashSet<>();
        for (Matcher m = ID.matcher(text); m.find(); ) {
            ids.add("M" + m.group(1));
        }
        return ids;
    }

    /** Every message id that a single request carried more than once in its user turns. */
    List<String> repeatedInOnePrompt() {
        List<String> repeats = new ArrayList<>();
        for (RecordedRequest r : fake.requests()) {
            Map<String, Integer> seen = new HashMap<>();
            for (JsonNode m : r.messages()) {
                if (!"user".equals(m.path("role").asText())) {
                    continue;
                }
                for (Matcher x = ID.matcher(m.path("content").toString()); x.find(); ) {
                    seen.merge("M" + x.group(1), 1, Integer::sum);
                }
            }
            seen.forEach((id, n) -> {
                if (n > 1) {
                    repeats.add(id + " x" + n + " in request " + fake.requests().indexOf(r));
                }
            });
        }
        return repeats;
    }

    @Override
    public void close() {
        fake.close();
    }

    /** The message ids of the newest user turn of request {@code i}. */
    Set<String> asked(int i) {
        return ids(fake.requests().get(i).lastUserText());
    }
}
