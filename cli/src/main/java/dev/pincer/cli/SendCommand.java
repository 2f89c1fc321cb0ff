package dev.pincer.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./pincer send --chat NAME [--wait] TEXT}: posts a message to a web chat of the running
 * Pincer; with {@code --wait}, prints the assistant's reply.
 */
@Command(name = "send", mixinStandardHelpOptions = true,
        description = "Send a message to a web chat of the running Pincer (and wait for the reply).",
        footer = {"", "Examples:", "  ./pincer send --chat main \"Remind me to water the plants at 6pm\"",
                "  ./pincer send --chat main --wait \"What is on my list today?\""})
public final class SendCommand extends PincerCommand implements Callable<Integer> {

    @Option(names = "--chat", required = true, paramLabel = "NAME", description = "The web chat: main, or the name after web:.")
    String chat;

    @Option(names = "--wait", description = "Wait for the assistant's reply and print it.")
    boolean waitForReply;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120",
            description = "How long --wait waits for the reply (default 120).")
    int timeoutSeconds;

    @Parameters(paramLabel = "TEXT", arity = "1..*", description = "The message (several words are joined with spaces).")
    String[] words;

    @Override
    public Integer call() {
        if (timeoutSeconds < 1) {
            throw new Fail("--timeout must be at least 1 second");
        }
        WebChat web = new WebChat(api(), chat);
        WebChat.Posted posted = web.post(String.join(" ", words));
        if (!waitForReply) {
            out().println("Sent to " + web.jid() + " (message " + posted.seq() + ").");
            return 0;
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
        long cursor = posted.seq();
        while (System.nanoTime() < deadline) {
            Duration left = Duration.ofNanos(deadline - System.nanoTime());
            for (WebChat.Message m : web.after(cursor, left.compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30) : left)) {
                cursor = m.seq();
                if (m.fromAssistant()) {
                    out().println(m.text());
                    return 0;
                }
            }
        }
        throw new Fail("no reply within " + timeoutSeconds + " s; the message is stored and will still be answered"
                + " (./pincer logs shows the run)");
    }
}
