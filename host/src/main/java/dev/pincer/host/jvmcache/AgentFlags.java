package dev.pincer.host.jvmcache;

import java.util.List;

/**
 * The agent JVM's fixed flags, the same for every sandbox and for the training run that makes its
 * cache (a cache is only valid for the flags it was made with, so they are part of its key).
 * Chosen by measurement (docs/perf-notes/jvm-cache.md): the serial collector and C1 only start fastest
 * and keep the agent smallest for its short, mostly waiting life; a 16 MiB initial heap that grows
 * as needed up to {@code -Xmx} (without it the initial heap is 1/64 of the host's memory, up to
 * {@code -Xmx}, and the agent touches tens of MiB of young generation before its first collection); 512 KiB thread stacks; no
 * {@code hsperfdata} file.
 */
public final class AgentFlags {
    private AgentFlags() {}

    /** Flags before {@code -jar}; the heap ({@code -Xmx}) and the cache flags come with them. */
    public static final List<String> FLAGS = List.of("-Xms16m", "-Xss512k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-XX:-UsePerfData");
}
