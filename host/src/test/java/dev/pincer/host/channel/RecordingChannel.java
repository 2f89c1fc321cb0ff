package dev.pincer.host.channel;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A channel for tests: records what it is asked to send (in order), can be told to refuse or to ask
 * for a pause the next times, and keeps the context it was started with so a test can hand messages in.
 */
public final class RecordingChannel implements Channel {

    public final List<Outgoing> sent = new CopyOnWriteArrayList<>();
    /** The files it was asked to send, with the bytes it read from each at the time. */
    public final List<SentFile> files = new CopyOnWriteArrayList<>();
    public final List<String> typing = new CopyOnWriteArrayList<>();
    private final String name;
    private final String prefix;
    private final Capabilities capabilities;
    private final Deque<Exception> failures = new ArrayDeque<>();
    public volatile ChannelContext context;

    public RecordingChannel(String name, String prefix, Capabilities capabilities) {
        this.name = name;
        this.prefix = prefix;
        this.capabilities = capabilities;
    }

    /** A channel like the web chat: no limit worth splitting at, no typing. */
    public static RecordingChannel web() {
        return new RecordingChannel("web", "web", new Capabilities(100_000, false, null, false, false, true));
    }

    /** The next sends fail with these, in order. */
    public synchronized RecordingChannel failNext(Exception... errors) {
        failures.addAll(List.of(errors));
        return this;
    }

    public static RateLimited rateLimited(Duration wait) {
        return new RateLimited(wait, "slow down");
    }

    @Override public String name() { return name; }

    @Override public String prefix() { return prefix; }

    @Override public Capabilities capabilities() { return capabilities; }

    @Override public void start(ChannelContext context) {
        this.context = context;
        context.state(new ChannelState.Connected());
    }

    @Override public String format(String markdown) {
        return markdown.replace("&", "&amp;"); // grows like an escaping platform format does
    }

    /** A file as the channel got it. */
    public record SentFile(OutgoingFile file, byte[] bytes) {}

    @Override public String send(Outgoing message) throws Exception {
        failIfTold();
        sent.add(message);
        return "sent-" + sent.size();
    }

    @Override public String sendFile(OutgoingFile file) throws Exception {
        if (!capabilities.media()) {
            throw new UnsupportedOperationException(name + " cannot send files");
        }
        failIfTold();
        files.add(new SentFile(file, java.nio.file.Files.readAllBytes(file.file().path())));
        return "file-" + files.size();
    }

    private void failIfTold() throws Exception {
        Exception e;
        synchronized (this) {
            e = failures.poll();
        }
        if (e != null) {
            throw e;
        }
    }

    @Override public void typing(String chatId) {
        typing.add(chatId);
    }

    @Override public void stop() { }
}
