package dev.pincer.host.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The external mount allowlist ({@code $XDG_CONFIG_HOME/pincer/mount-allowlist.json}, see
 * docs/SECURITY.md, promise 3a): which host directories groups may see at {@code /workspace/extra/<name>}. It lives
 * outside {@code PINCER_HOME} and is never mounted, so no agent can widen it.
 *
 * <pre>{@code
 * {"allowedRoots": [{"path": "~/projects", "allowReadWrite": true, "description": "code"}],
 *  "blockedPatterns": ["password"],
 *  "nonMainReadOnly": true}
 * }</pre>
 *
 * <p>Blocked patterns: {@link #DEFAULT_BLOCKED} always apply, the file's list is added. Matching is
 * case-insensitive; a pattern without {@code /} blocks a path when any one of its components
 * (the names between slashes) <em>contains</em> it ({@code .env} blocks {@code .env},
 * {@code .env.local} and {@code my.env.d}; {@code id_rsa} blocks {@code id_rsa.pub}); a pattern with
 * {@code /} blocks a path whose whole text contains it.
 *
 * @param file            where the allowlist was read from
 * @param roots           the allowed roots, each resolved (symlinks followed) when it exists
 * @param blockedPatterns the default patterns plus the file's, lower case, without duplicates
 * @param nonMainReadOnly whether groups other than main only ever get read-only extra mounts
 * @param problem         why the allowlist cannot be used (missing, invalid); then every extra mount is blocked
 */
public record MountAllowlist(Path file, List<Root> roots, List<String> blockedPatterns, boolean nonMainReadOnly,
                             String problem) {

    /** Always blocked, like NanoClaw's defaults: credentials and keys people keep in their home. */
    public static final List<String> DEFAULT_BLOCKED = List.of(".ssh", ".gnupg", ".gpg", ".aws", ".azure", ".gcloud",
            ".kube", ".docker", "credentials", ".env", ".netrc", ".npmrc", ".pypirc", "id_rsa", "id_ed25519",
            "private_key", ".secret");

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * An allowed root.
     *
     * @param declared       the path as written in the file
     * @param path           the resolved directory, or null when it does not exist
     * @param allowReadWrite whether mounts under it may be read-write
     */
    public record Root(String declared, Path path, boolean allowReadWrite, String description) {
        public String describe() {
            return declared + (path == null ? " (does not exist)" : !path.toString().equals(declared) ? " -> " + path : "")
                    + (allowReadWrite ? " rw" : " ro");
        }
    }

    public MountAllowlist {
        Objects.requireNonNull(file, "file");
        roots = List.copyOf(roots);
        blockedPatterns = List.copyOf(blockedPatterns);
    }

    /** Whether the allowlist could be read; if not, {@link #problem} says why and nothing is mounted. */
    public boolean usable() {
        return problem == null;
    }

    /**
     * Reads the allowlist. Never throws for a bad file: a missing, unreadable or invalid file, or one
     * inside {@code pincerHome} (where the main group could read it), gives an unusable allowlist.
     *
     * @param userHome what {@code ~} means in root paths
     */
    public static MountAllowlist load(Path file, Path userHome, Path pincerHome) {
        Path f = file.toAbsolutePath().normalize();
        if (insideHome(f, pincerHome)) {
            return unusable(f, "the mount allowlist " + f + " is inside PINCER_HOME " + pincerHome
                    + ", where the main group can read it; move it (default ~/.config/pincer/mount-allowlist.json)"
                    + " or point PINCER_MOUNT_ALLOWLIST at it; every extra mount is blocked until then");
        }
        JsonNode tree;
        try {
            tree = JSON.readTree(Files.readString(f));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return unusable(f, "the mount allowlist " + f + " is invalid: not JSON (" + e.getOriginalMessage()
                    + "); every extra mount is blocked until it is fixed");
        } catch (NoSuchFileException e) {
            return unusable(f, "no mount allowlist at " + f + ", so every extra mount is blocked; create it to allow"
                    + " some, e.g. {\"allowedRoots\": [{\"path\": \"~/projects\", \"allowReadWrite\": false}]}");
        } catch (IOException e) {
            return unusable(f, "the mount allowlist " + f + " cannot be read (" + e.getMessage()
                    + "), so every extra mount is blocked");
        }
        try {
            return parse(f, tree, userHome);
        } catch (IllegalArgumentException e) {
            return unusable(f, "the mount allowlist " + f + " is invalid: " + e.getMessage()
                    + "; every extra mount is blocked until it is fixed");
        }
    }

    private static MountAllowlist unusable(Path f, String problem) {
        return new MountAllowlist(f, List.of(), DEFAULT_BLOCKED, true, problem);
    }

    private static MountAllowlist parse(Path f, JsonNode tree, Path userHome) {
        if (tree == null || !tree.isObject()) {
            throw new IllegalArgumentException("it must be a JSON object");
        }
        requireKnownFields(tree, "", List.of("allowedRoots", "blockedPatterns", "nonMainReadOnly"));
        JsonNode rootsNode = tree.get("allowedRoots");
        if (rootsNode == null || !rootsNode.isArray()) {
            throw new IllegalArgumentException("\"allowedRoots\" must be an array");
        }
        List<Root> roots = new ArrayList<>();
        for (JsonNode r : rootsNode) {
            roots.add(root(r, userHome));
        }
        Set<String> patterns = new LinkedHashSet<>(DEFAULT_BLOCKED);
        JsonNode blocked = tree.get("blockedPatterns");
        if (blocked != null) {
            if (!blocked.isArray()) {
                throw new IllegalArgumentException("\"blockedPatterns\" must be an array of strings");
            }
            for (JsonNode p : blocked) {
                if (!p.isTextual() || p.asText().isBlank()) {
                    throw new IllegalArgumentException("\"blockedPatterns\" entries must be non-empty strings");
                }
                patterns.add(p.asText().strip().toLowerCase(Locale.ROOT));
            }
        }
        return new MountAllowlist(f, roots, List.copyOf(patterns), flag(tree, "nonMainReadOnly", true), null);
    }

    private static Root root(JsonNode r, Path userHome) {
        if (!r.isObject() || !r.path("path").isTextual() || r.path("path").asText().isBlank()) {
            throw new IllegalArgumentException("each allowed root needs a \"path\" string");
        }
        requireKnownFields(r, " in an allowed root", List.of("path", "allowReadWrite", "description"));
        boolean allowReadWrite = flag(r, "allowReadWrite", false);
        String declared = r.get("path").asText().strip();
        Path expanded = expandHome(declared, userHome);
        if (expanded == null) {
            throw new IllegalArgumentException("allowed root \"" + declared + "\" must be absolute or start with ~/");
        }
        Path real;
        try {
            real = expanded.toRealPath();
            if (!Files.isDirectory(real)) {
                real = null;
            }
        } catch (IOException e) {
            real = null; // reported by describe(); nothing can be under a root that does not exist
        }
        return new Root(declared, real, allowReadWrite, r.path("description").asText(""));
    }

    /** Refuses a field of {@code node} not in {@code known}; {@code where} follows the field's name in the message. */
    private static void requireKnownFields(JsonNode node, String where, List<String> known) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown field \"" + name + "\"" + where + " (" + String.join(", ", known) + ")");
            }
        }
    }

    /** The boolean {@code field} of {@code node}, {@code absent} when it is not there. */
    private static boolean flag(JsonNode node, String field, boolean absent) {
        JsonNode value = node.get(field);
        if (value != null && !value.isBoolean()) {
            throw new IllegalArgumentException("\"" + field + "\" must be true or false");
        }
        return value == null ? absent : value.asBoolean();
    }

    /**
     * {@code ~} and {@code ~/rest} become paths under {@code userHome}; other paths must be absolute.
     * Returns the normalised path, or null when {@code path} is relative or names another user's home.
     */
    public static Path expandHome(String path, Path userHome) {
        String p = path.strip();
        Path out;
        if (p.equals("~")) {
            out = userHome;
        } else if (p.startsWith("~/")) {
            out = userHome.resolve(p.substring(2));
        } else if (p.startsWith("/")) {
            out = Path.of(p);
        } else {
            return null;
        }
        return out.toAbsolutePath().normalize();
    }

    /**
     * The first blocked pattern {@code path} matches, described as {@code component "x" matches
     * pattern "y"}, or null when none does.
     */
    public String blockedBy(Path path) {
        String whole = path.toString().toLowerCase(Locale.ROOT);
        for (String pattern : blockedPatterns) {
            if (pattern.contains("/")) {
                if (whole.contains(pattern)) {
                    return "path " + path + " contains blocked pattern \"" + pattern + "\"";
                }
                continue;
            }
            for (Path component : path) {
                if (component.toString().toLowerCase(Locale.ROOT).contains(pattern)) {
                    return "component \"" + component + "\" matches blocked pattern \"" + pattern + "\"";
                }
            }
        }
        return null;
    }

    /** One line for {@code doctor} and logs: where the file is and what it allows. */
    public String describe() {
        if (!usable()) {
            return problem;
        }
        return file + ": " + (roots.isEmpty() ? "no allowed roots" : roots.size() + " allowed root(s): "
                + String.join(", ", roots.stream().map(Root::describe).toList()))
                + "; " + blockedPatterns.size() + " blocked patterns; non-main groups "
                + (nonMainReadOnly ? "read-only" : "may get read-write");
    }

    private static boolean insideHome(Path f, Path pincerHome) {
        if (pincerHome == null) {
            return false;
        }
        Path home = pincerHome.toAbsolutePath().normalize();
        Path real = f;
        try {
            home = home.toRealPath();
            real = f.getParent() == null ? f : f.getParent().toRealPath().resolve(f.getFileName());
        } catch (IOException e) {
            // a missing directory cannot be inside an existing home by its real path; compare as written
        }
        return real.startsWith(home) || f.startsWith(pincerHome.toAbsolutePath().normalize());
    }
}
