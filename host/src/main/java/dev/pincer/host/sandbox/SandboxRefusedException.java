package dev.pincer.host.sandbox;

import dev.pincer.host.sandbox.IsolationPolicy.Shortfall;
import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A sandbox that was not started because it lacks what the configuration demands
 * ({@link IsolationPolicy}); the message says what and how to fix it, and {@link #isolation()}
 * is what it would have had (recorded in the run's row all the same).
 */
public final class SandboxRefusedException extends IOException {
    private static final long serialVersionUID = 1L;
    private final transient Isolation isolation;

    public SandboxRefusedException(Isolation isolation, List<Shortfall> shortfalls) {
        super("the sandbox was refused: " + shortfalls.stream()
                .map(s -> s.why() + " (fix: " + s.fix().replace("\n", "; ") + ")")
                .collect(Collectors.joining("; and ")));
        this.isolation = isolation;
    }

    public Isolation isolation() {
        return isolation;
    }
}
