package dev.pincer.host.channel;

import java.util.List;

/**
 * A {@link ChannelProvider} whose name and settings are fixed: a channel module names them once, in
 * its public no-argument constructor (what {@link java.util.ServiceLoader} calls), and writes only
 * {@link #create}.
 */
public abstract class ChannelModule implements ChannelProvider {

    private final String name;
    private final List<Setting> settings;

    protected ChannelModule(String name, List<Setting> settings) {
        this.name = name;
        this.settings = List.copyOf(settings);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final List<Setting> settings() {
        return settings;
    }
}
