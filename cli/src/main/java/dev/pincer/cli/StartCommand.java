package dev.pincer.cli;

import dev.pincer.host.app.Pincer;
import dev.pincer.host.app.Runtimes;
import dev.pincer.host.config.Config;
import dev.pincer.host.sandbox.SandboxRuntime;
import dev.pincer.host.sandbox.Sandboxes;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;

/** {@code ./pincer start}: runs Pincer in the foreground until interrupted. */
@Command(name = "start", mixinStandardHelpOptions = true,
        description = "Run Pincer in the foreground (web chat, queue, sandboxes).",
        footer = {"", "Examples:", "  ./pincer start", "  PINCER_WEB_PORT=7979 ./pincer start",
                "To run it in the background at boot: ./pincer service install"})
public final class StartCommand extends PincerCommand implements Callable<Integer> {

    @Override
    public Integer call() throws Exception {
        PrintWriter out = out();
        PrintWriter err = err();
        Config config = config();
        SandboxRuntime runtime;
        try {
            runtime = Runtimes.select(config);
        } catch (Sandboxes.NoSandboxException e) {
            err.println("pincer: " + e.getMessage());
            err.println("Run ./pincer doctor for details.");
            return 1;
        }
        if (!config.llm().hasCredentials()) {
            err.println("pincer: warning: no credential configured; agents cannot answer until you put "
                    + (config.llm().isOpenAi() ? "OPENAI_API_KEY=..."
                            : "ANTHROPIC_API_KEY=... (or CLAUDE_CODE_OAUTH_TOKEN=...)") + " into " + config.layout().envFile());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        try (Pincer pincer = Pincer.start(config, runtime)) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                pincer.close();
                stopped.countDown();
            }, "pincer-shutdown"));
            out.println("Pincer is running (sandbox: " + runtime.name() + ", home: " + config.layout().home() + ")");
            pincer.links().forEach(link -> out.println("Chat with " + config.assistant().name() + ": " + link));
            out.println("Stop with Ctrl-C.");
            out.flush();
            stopped.await();
        }
        return 0;
    }
}
