package dev.pincer.host.proxy;

import dev.pincer.protocol.SandboxPaths;
import java.net.URI;
import java.util.regex.Pattern;

/**
 * Maps an origin-form target under {@code /llm/} to the upstream URL, refusing anything that could
 * change where the request goes: dot segments, empty segments ({@code //}), backslashes and every
 * percent-escape in the path (no API path needs one), fragments, and odd characters.
 */
final class LlmRoute {
    private LlmRoute() {}

    static final String PREFIX = SandboxPaths.LLM_PREFIX;

    /** One or more non-empty segments of unreserved and sub-delim characters, plus ':' and '@'. */
    private static final Pattern PATH = Pattern.compile("(/[A-Za-z0-9._~!$&'()*+,;=:@-]+)+");
    private static final Pattern QUERY = Pattern.compile("([A-Za-z0-9._~!$&'()*+,;=:@/?-]|%[0-9A-Fa-f]{2})*");

    /** Whether {@code target} is addressed to the LLM route at all. */
    static boolean matches(String target) {
        return target.equals(PREFIX) || target.startsWith(PREFIX + "/") || target.startsWith(PREFIX + "?");
    }

    /** The path part (no query) of an origin-form target, for the audit log. */
    static String pathOf(String target) {
        int q = target.indexOf('?');
        return q < 0 ? target : target.substring(0, q);
    }

    /** The path after {@link #PREFIX}, without query: the endpoint relative to the upstream, e.g. {@code /v1/messages}. */
    static String relativePath(String target) {
        return pathOf(target).substring(PREFIX.length());
    }

    /** The upstream URI for {@code target}; {@code upstream} is already validated by {@link Credentials}. */
    static URI resolve(URI upstream, String target) throws ProxyRefusal {
        if (target.indexOf('#') >= 0) {
            throw new ProxyRefusal(400, "fragments are not allowed in the request target");
        }
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        String query = q < 0 ? null : target.substring(q + 1);
        String rest = path.substring(PREFIX.length());
        if (rest.isEmpty() || rest.equals("/")) {
            throw new ProxyRefusal(404, "no API path after " + PREFIX + "/");
        }
        if (!PATH.matcher(rest).matches()) {
            throw new ProxyRefusal(400, "the LLM path may only contain plain segments"
                    + " (no //, backslashes, percent-escapes or special characters)");
        }
        for (String segment : rest.substring(1).split("/")) {
            if (segment.equals(".") || segment.equals("..")) {
                throw new ProxyRefusal(400, "dot segments are not allowed in the LLM path");
            }
        }
        if (query != null && !QUERY.matcher(query).matches()) {
            throw new ProxyRefusal(400, "the query contains characters that are not allowed");
        }
        String base = upstream.getRawPath() == null ? "" : upstream.getRawPath();
        URI uri = URI.create(upstream.getScheme() + "://" + upstream.getRawAuthority() + base + rest
                + (query == null ? "" : "?" + query));
        // belt and braces: the result must still point at the configured upstream
        if (!uri.getScheme().equals(upstream.getScheme()) || !uri.getRawAuthority().equals(upstream.getRawAuthority())
                || !uri.getRawPath().startsWith(base + "/")) {
            throw new ProxyRefusal(400, "the LLM path does not resolve under the upstream");
        }
        return uri;
    }
}
