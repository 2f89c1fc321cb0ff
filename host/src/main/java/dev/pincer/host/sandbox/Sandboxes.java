package dev.pincer.host.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Picks the sandbox runtime for a {@code PINCER_SANDBOX} setting by running self-tests. */
public final class Sandboxes {
    private Sandboxes() {}

    /** Every runtime name, in the order {@code auto} tries them. */
    public static final List<String> NAMES = List.of("bwrap", "docker", "podman", "apple-container");

    /** One runtime's self-test outcome. */
    public record Attempt(String name, SelfTest result) {}

    /** Thrown when no runtime works: Pincer refuses to run agents unsandboxed. */
    public static final class NoSandboxException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient List<Attempt> attempts;

        NoSandboxException(String setting, List<Attempt> attempts) {
            super(message(setting, attempts));
            this.attempts = List.copyOf(attempts);
        }

        public List<Attempt> attempts() {
            return attempts;
        }

        private static String message(String setting, List<Attempt> attempts) {
            StringBuilder sb = new StringBuilder("No sandbox runtime works (PINCER_SANDBOX=" + setting
                    + "); Pincer will not run agents without one:");
            for (Attempt a : attempts) {
                sb.append("\n  - ").append(a.name()).append(": ").append(a.result().detail());
                if (!a.result().fix().isEmpty()) {
                    sb.append("\n    fix: ").append(a.result().fix());
                }
            }
            return sb.toString();
        }
    }

    /**
     * The first runtime named by {@code setting} whose self-test passes.
     *
     * @param setting {@code auto} or one of {@link #NAMES} (case-insensitive; null or blank means auto)
     * @param implemented the runtimes that exist; a name without one reports "not implemented yet"
     * @throws IllegalArgumentException for an unknown setting
     * @throws NoSandboxException when none works, listing each runtime's reason and fix
     */
    public static SandboxRuntime select(String setting, List<SandboxRuntime> implemented) {
        String normalized = normalize(setting);
        List<Attempt> attempts = new ArrayList<>();
        for (String name : candidates(normalized)) {
            Attempt attempt = attempt(name, implemented);
            attempts.add(attempt);
            if (attempt.result().ok()) {
                return find(name, implemented);
            }
        }
        throw new NoSandboxException(normalized, attempts);
    }

    /** Self-tests every runtime the setting names, without stopping at the first that works (for doctor). */
    public static List<Attempt> probe(String setting, List<SandboxRuntime> implemented) {
        List<Attempt> attempts = new ArrayList<>();
        for (String name : candidates(normalize(setting))) {
            attempts.add(attempt(name, implemented));
        }
        return attempts;
    }

    private static String normalize(String setting) {
        String s = setting == null || setting.isBlank() ? "auto" : setting.strip().toLowerCase(Locale.ROOT);
        if (!s.equals("auto") && !NAMES.contains(s)) {
            throw new IllegalArgumentException("unknown PINCER_SANDBOX value '" + setting + "': use auto, "
                    + String.join(", ", NAMES));
        }
        return s;
    }

    private static List<String> candidates(String normalized) {
        return normalized.equals("auto") ? NAMES : List.of(normalized);
    }

    /** The self-test of the runtime called {@code name}, or why there is none. */
    private static Attempt attempt(String name, List<SandboxRuntime> implemented) {
        SandboxRuntime runtime = find(name, implemented);
        return new Attempt(name, runtime == null
                ? SelfTest.failed("not implemented yet", "use PINCER_SANDBOX=bwrap (Linux)")
                : runtime.selfTest());
    }

    private static SandboxRuntime find(String name, List<SandboxRuntime> implemented) {
        return implemented.stream().filter(r -> r.name().equals(name)).findFirst().orElse(null);
    }
}
