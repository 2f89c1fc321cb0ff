package dev.pincer.cli.hostile;

import dev.pincer.cli.Harness;
import dev.pincer.testkit.RecordedRequest.ToolResultView;
import dev.pincer.testkit.Reply;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Named probes batched into one model turn; each test then looks up its own result by name. */
public final class Probes {
    private final Map<String, Reply.ToolCall> calls = new LinkedHashMap<>();
    private final Map<String, ToolResultView> results = new LinkedHashMap<>();

    public Probes bash(String name, String command) {
        calls.put(name, Hostile.bash(command));
        return this;
    }

    public Probes tool(String name, Reply.ToolCall call) {
        calls.put(name, call);
        return this;
    }

    /** Runs every probe in one sandbox run of {@code chat}. */
    public Probes run(Harness h, String chat) throws Exception {
        List<String> names = new ArrayList<>(calls.keySet());
        List<ToolResultView> r = Hostile.turn(h, chat, new ArrayList<>(calls.values()));
        for (int i = 0; i < names.size(); i++) {
            results.put(names.get(i), r.get(i));
        }
        // For diagnosis in the surefire output: what every probe saw (asserted to hold no secret).
        System.out.println("hostile probes of " + chat + ":\n" + all());
        return this;
    }

    /** What probe {@code name} printed; fails if it ran a command that is not installed ({@link Hostile#checked}). */
    public String out(String name) {
        return Hostile.checked(name, result(name));
    }

    public boolean isError(String name) {
        return result(name).isError();
    }

    private ToolResultView result(String name) {
        ToolResultView v = results.get(name);
        if (v == null) {
            throw new AssertionError("probe " + name + " did not run");
        }
        return v;
    }

    public String all() {
        StringBuilder sb = new StringBuilder();
        results.forEach((k, v) -> sb.append("== ").append(k).append('\n').append(v.content()).append('\n'));
        return sb.toString();
    }
}
