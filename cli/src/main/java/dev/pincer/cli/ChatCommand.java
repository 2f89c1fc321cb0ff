package dev.pincer.cli;

import dev.pincer.cli.api.PincerApi;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./pincer chat [--chat NAME]}: a terminal chat with the running Pincer. Each line typed is
 * posted to the web chat; replies (and what others write there) are printed as they arrive, by
 * long-polling; {@code typing} events show "Andy is typing…". {@code /reset} is a message like any
 * other (the host starts a new session). End of input (Ctrl-D) or Ctrl-C ends the chat; a run in
 * progress goes on and its reply stays in the chat.
 */
@Command(name = "chat", mixinStandardHelpOptions = true,
        description = "Chat with the running Pincer in the terminal (/reset starts a new session; Ctrl-C ends the chat).",
        footer = {"", "Examples:", "  ./pincer chat", "  ./pincer chat --chat family"})
public final class ChatCommand extends PincerCommand implements Callable<Integer> {

    @Option(names = "--chat", paramLabel = "NAME", defaultValue = "main",
            description = "The web chat: main (default), or the name after web: of a registered group.")
    String chat;

    /** What the chat's main loop waits for: a typed line, the end of input, or a lost connection. */
    private sealed interface Input {
        record Line(String text) implements Input {}

        record End() implements Input {}

        record Lost(String why) implements Input {}
    }

    @Override
    public Integer call() throws InterruptedException {
        PincerApi api = api();
        String assistant = settings().assistant().name();
        WebChat web = new WebChat(api, chat);
        long start = web.lastSeq();
        PrintWriter out = out();
        BlockingQueue<Input> inputs = new LinkedBlockingQueue<>();
        List<String> mine = Collections.synchronizedList(new ArrayList<>()); // sent, not yet seen back
        try (PincerApi.Events events = api.events()) {
            Thread typing = Thread.ofVirtual().name("chat-typing").start(() -> showTyping(events, web.jid(), assistant));
            Thread replies = Thread.ofVirtual().name("chat-replies").start(() -> showMessages(web, start, assistant, mine, inputs));
            Thread reader = Thread.ofPlatform().daemon().name("chat-input").start(() -> readLines(inputs));
            out.println("Chatting with " + assistant + " in " + web.jid() + ". Type a message and press Enter;"
                    + " /reset starts a new session; Ctrl-D or Ctrl-C ends the chat.");
            out.flush();
            try {
                while (true) {
                    switch (inputs.take()) {
                        case Input.Line l -> {
                            if (!l.text().isBlank()) {
                                mine.add(l.text().strip());
                                web.post(l.text().strip());
                            }
                        }
                        case Input.End e -> {
                            return 0;
                        }
                        case Input.Lost lost -> throw new Fail(lost.why());
                    }
                }
            } finally {
                replies.interrupt();
                reader.interrupt();
                events.close();
                typing.join(Duration.ofSeconds(5));
                replies.join(Duration.ofSeconds(5));
            }
        }
    }

    /** Prints "Andy is typing…" when a run in this chat starts working. */
    private void showTyping(PincerApi.Events events, String jid, String assistant) {
        for (Optional<PincerApi.Event> e = events.next(); e.isPresent(); e = events.next()) {
            var d = e.get().data();
            if (e.get().type().equals("typing") && jid.equals(d.path("chat").asText()) && d.path("typing").asBoolean()) {
                out().println(assistant + " is typing…");
                out().flush();
            }
        }
    }

    /** Long-polls the chat and prints every message after {@code start} but those this terminal sent. */
    private void showMessages(WebChat web, long start, String assistant, List<String> mine, BlockingQueue<Input> inputs) {
        long cursor = start;
        try {
            while (!Thread.currentThread().isInterrupted()) {
                for (WebChat.Message m : web.after(cursor, Duration.ofSeconds(25))) {
                    cursor = m.seq();
                    if (m.fromAssistant() || !mine.remove(m.text())) {
                        out().println((m.fromAssistant() ? assistant : m.sender()) + ": " + m.text());
                        out().flush();
                    }
                }
            }
        } catch (PincerApi.Unreachable e) {
            if (!Thread.currentThread().isInterrupted()) {
                inputs.add(new Input.Lost("lost the connection to Pincer (" + Main.reason(e) + "); the chat ends"));
            }
        } catch (PincerApi.Refused e) {
            inputs.add(new Input.Lost(e.getMessage()));
        }
    }

    /** Reads the terminal line by line; the end of input ends the chat. */
    private void readLines(BlockingQueue<Input> inputs) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(in(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                inputs.add(new Input.Line(line));
            }
        } catch (IOException e) {
            // the terminal went away: end the chat as at the end of input
        }
        inputs.add(new Input.End());
    }
}
