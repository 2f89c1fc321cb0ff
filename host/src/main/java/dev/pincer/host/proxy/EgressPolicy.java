package dev.pincer.host.proxy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What one group's sandbox may reach through CONNECT and absolute-form HTTP (docs/DESIGN.md section 6).
 *
 * <ul>
 *   <li>{@code public}: any host whose every resolved address is public ({@link AddressRules});</li>
 *   <li>{@code allowlist}: only listed {@code host} or {@code host:port} entries. An entry that is an IP
 *       literal may name a private or loopback address; a hostname entry must still resolve to public
 *       addresses only, so a public name cannot be re-pointed (DNS rebinding) at the host or its LAN;</li>
 *   <li>{@code none}: nothing.</li>
 * </ul>
 *
 * <p>{@link #check} resolves the host once and returns the addresses it checked; the caller connects
 * to exactly those, never to the name, so the answer cannot change between check and connect.
 */
public final class EgressPolicy {

    public enum Mode { PUBLIC, ALLOWLIST, NONE }

    /** Name resolution, replaceable in tests. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** An allowlist entry; {@code port} 0 means any port. */
    record Entry(String host, int port) {}

    public static final EgressPolicy NONE = new EgressPolicy(Mode.NONE, List.of(), InetAddress::getAllByName);
    public static final EgressPolicy PUBLIC = new EgressPolicy(Mode.PUBLIC, List.of(), InetAddress::getAllByName);

    private static final Pattern HOSTNAME = Pattern.compile("[a-z0-9_]([a-z0-9_-]{0,62})(\\.[a-z0-9_]([a-z0-9_-]{0,62}))*");
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-f:.]{2,45}");

    private final Mode mode;
    private final List<Entry> allow;
    private final Resolver resolver;

    private EgressPolicy(Mode mode, List<Entry> allow, Resolver resolver) {
        this.mode = mode;
        this.allow = List.copyOf(allow);
        this.resolver = resolver;
    }

    /**
     * The policy named in a group's config.
     *
     * @param policy {@code public}, {@code allowlist} or {@code none}; null means {@code public}
     * @param allow  {@code host}, {@code host:port} or {@code [ipv6]:port} entries
     * @throws IllegalArgumentException for an unknown policy or a malformed entry
     */
    public static EgressPolicy of(String policy, List<String> allow) {
        Mode mode = switch (policy == null ? "public" : policy) {
            case "public" -> Mode.PUBLIC;
            case "allowlist" -> Mode.ALLOWLIST;
            case "none" -> Mode.NONE;
            default -> throw new IllegalArgumentException("egress policy must be public, allowlist or none, not " + policy);
        };
        List<Entry> entries = new ArrayList<>();
        for (String a : allow == null ? List.<String>of() : allow) {
            entries.add(parseEntry(a));
        }
        return new EgressPolicy(mode, entries, InetAddress::getAllByName);
    }

    /** This policy resolving names with {@code resolver} (tests use it to fake DNS answers). */
    public EgressPolicy withResolver(Resolver resolver) {
        return new EgressPolicy(mode, allow, Objects.requireNonNull(resolver, "resolver"));
    }

    public Mode mode() {
        return mode;
    }

    /**
     * Decides a request for {@code host:port}.
     *
     * @return the checked addresses to connect to, in resolver order (never empty)
     * @throws ProxyRefusal 403 with a short reason when the policy refuses, 400 for a malformed host,
     *                      502 when the name does not resolve
     */
    List<InetAddress> check(String rawHost, int port) throws ProxyRefusal {
        if (port < 1 || port > 65535) {
            throw new ProxyRefusal(400, "invalid port " + port);
        }
        String host = normalize(rawHost);
        if (mode == Mode.NONE) {
            throw new ProxyRefusal(403, "egress is disabled for this group (policy none)");
        }
        boolean literal = isLiteral(host);
        if (mode == Mode.ALLOWLIST && allow.stream().noneMatch(e -> e.host().equals(host) && (e.port() == 0 || e.port() == port))) {
            throw new ProxyRefusal(403, display(host, port) + " is not on this group's egress allowlist");
        }
        InetAddress[] resolved;
        try {
            resolved = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new ProxyRefusal(502, "cannot resolve " + host);
        }
        if (resolved == null || resolved.length == 0) {
            throw new ProxyRefusal(502, "cannot resolve " + host);
        }
        boolean explicitLiteral = mode == Mode.ALLOWLIST && literal;
        if (!explicitLiteral) {
            for (InetAddress a : resolved) {
                if (!AddressRules.isPublic(a)) {
                    throw new ProxyRefusal(403, display(host, port) + " resolves to a non-public address ("
                            + a.getHostAddress() + "); only public addresses are reachable"
                            + (mode == Mode.ALLOWLIST ? " unless the allowlist names the IP itself" : ""));
                }
            }
        }
        return List.of(resolved);
    }

    private static String display(String host, int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** Lower-case, brackets and a trailing dot removed, IPv6 literals in canonical form. */
    static String normalize(String raw) throws ProxyRefusal {
        String h = raw == null ? "" : raw.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (h.indexOf(':') >= 0) {
            if (!IPV6.matcher(h).matches()) {
                throw new ProxyRefusal(400, "malformed host");
            }
            try {
                return InetAddress.getByName("[" + h + "]").getHostAddress(); // a literal: no DNS query
            } catch (UnknownHostException e) {
                throw new ProxyRefusal(400, "malformed IPv6 address");
            }
        }
        if (h.isEmpty() || h.length() > 253 || !HOSTNAME.matcher(h).matches()) {
            throw new ProxyRefusal(400, "malformed host");
        }
        return h;
    }

    private static boolean isLiteral(String normalized) {
        return normalized.indexOf(':') >= 0 || IPV4.matcher(normalized).matches();
    }

    private static Entry parseEntry(String raw) {
        String s = raw == null ? "" : raw.strip();
        String host = s;
        int port = 0;
        int colon = s.lastIndexOf(':');
        boolean bracketed = s.startsWith("[");
        if (bracketed) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("egress allow entry '" + raw + "' has an unclosed [");
            }
            host = s.substring(0, close + 1);
            if (close + 1 < s.length()) {
                if (s.charAt(close + 1) != ':') {
                    throw new IllegalArgumentException("egress allow entry '" + raw + "' is not [ipv6]:port");
                }
                port = parsePort(raw, s.substring(close + 2));
            }
        } else if (colon > 0 && s.indexOf(':') == colon) {
            host = s.substring(0, colon);
            port = parsePort(raw, s.substring(colon + 1));
        }
        try {
            return new Entry(normalize(host), port);
        } catch (ProxyRefusal e) {
            throw new IllegalArgumentException("egress allow entry '" + raw + "' is not host, host:port or [ipv6]:port");
        }
    }

    private static int parsePort(String raw, String text) {
        if (!text.matches("[0-9]{1,5}") || Integer.parseInt(text) < 1 || Integer.parseInt(text) > 65535) {
            throw new IllegalArgumentException("egress allow entry '" + raw + "' has an invalid port");
        }
        return Integer.parseInt(text);
    }

    @Override
    public String toString() {
        return "EgressPolicy[" + mode.name().toLowerCase(Locale.ROOT) + (allow.isEmpty() ? "" : " " + allow) + "]";
    }
}
