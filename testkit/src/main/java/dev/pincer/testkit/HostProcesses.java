package dev.pincer.testkit;

/** The host's processes as a test sees them, e.g. to prove that nothing a sandbox started is left. */
public final class HostProcesses {
    private HostProcesses() {}

    /** How many processes on the host have {@code marker} in their command line. */
    public static long withMarker(String marker) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                .count();
    }
}
