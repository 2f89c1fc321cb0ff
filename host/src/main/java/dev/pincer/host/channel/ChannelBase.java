package dev.pincer.host.channel;

/**
 * The base a channel extends: its name, chat id prefix and {@link Capabilities}, fixed when it is
 * made, so a channel writes only what it does (start, send, stop, ...).
 */
public abstract class ChannelBase implements Channel {

    private final String name;
    private final String prefix;
    private final Capabilities capabilities;

    protected ChannelBase(String name, String prefix, Capabilities capabilities) {
        this.name = name;
        this.prefix = prefix;
        this.capabilities = capabilities;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String prefix() {
        return prefix;
    }

    @Override
    public final Capabilities capabilities() {
        return capabilities;
    }
}
