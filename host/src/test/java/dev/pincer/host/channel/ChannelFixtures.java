package dev.pincer.host.channel;

import java.util.Random;
import java.util.ServiceLoader;

/** Small helpers the channel modules' tests share (host's test-jar). */
public final class ChannelFixtures {

    private ChannelFixtures() {}

    /** {@code size} bytes of noise, the same for the same size (seeded by it): a file's content in a test. */
    public static byte[] random(int size) {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        return b;
    }

    /** The installed module with this name, found as the core finds it ({@link ServiceLoader}); fails the test when absent. */
    public static ChannelProvider installed(String name) {
        return ServiceLoader.load(ChannelProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no channel module '" + name + "' on the class path"));
    }
}
