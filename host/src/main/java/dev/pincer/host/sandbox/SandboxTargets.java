package dev.pincer.host.sandbox;

import java.util.regex.Pattern;

/** Validation of paths inside the sandbox: absolute, normalised, no odd characters. */
public final class SandboxTargets {
    private SandboxTargets() {}

    private static final Pattern SAFE = Pattern.compile("(/[A-Za-z0-9._+@-]+)+");

    public static String requireValid(String target) {
        if (target == null || !SAFE.matcher(target).matches()) {
            throw new IllegalArgumentException("sandbox path must be absolute and use only [A-Za-z0-9._+@-]: " + target);
        }
        for (String segment : target.substring(1).split("/")) {
            if (segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("sandbox path must not contain . or .. segments: " + target);
            }
        }
        return target;
    }
}
