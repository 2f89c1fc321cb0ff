package dev.pincer.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * One routed request: the exchange, the path segments that matched a route's {@code {}} holes,
 * and the decoded query parameters (first value wins).
 */
record Request(HttpExchange exchange, List<String> params, Map<String, String> query) {

    /** The largest request body accepted: 1 MiB. */
    static final int MAX_BODY = 1024 * 1024;
    private static final Pattern CHARSET = Pattern.compile(";\\s*charset\\s*=\\s*([^;\\s]+)", Pattern.CASE_INSENSITIVE);

    Request {
        params = List.copyOf(params);
        query = Map.copyOf(query);
    }

    String param(int index) {
        return params.get(index);
    }

    /**
     * The body as one JSON object: refused with 415 when the request declares a charset other than
     * UTF-8, with 400 when it is not UTF-8, not JSON or not an object.
     */
    ObjectNode jsonObject() {
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        var charset = type == null ? null : CHARSET.matcher(type);
        if (charset != null && charset.find() && !charset.group(1).replace("\"", "").equalsIgnoreCase("utf-8")) {
            throw new HttpError(415, "the request body must be UTF-8, not " + HttpError.shown(charset.group(1))
                    + "; send Content-Type: application/json");
        }
        return Json.object(body());
    }

    /**
     * Reads the body, refusing more than {@link #MAX_BODY} bytes while reading (a declared
     * Content-Length is only a shortcut, never trusted as the limit).
     */
    byte[] body() {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null && declared.strip().matches("\\d+")
                && (declared.strip().length() > 18 || Long.parseLong(declared.strip()) > MAX_BODY)) {
            throw tooLarge();
        }
        try {
            InputStream in = exchange.getRequestBody();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[16 * 1024];
            int n;
            while ((n = in.read(buffer)) != -1) {
                if (out.size() + n > MAX_BODY) {
                    throw tooLarge();
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw HttpError.badRequest("reading the request body failed: " + e.getMessage());
        }
    }

    /** A non-negative whole number parameter, or {@code fallback} when absent. */
    long longParam(String name, long fallback) {
        return param(name, fallback, "[0-9]+", Long::valueOf, "a whole number >= 0");
    }

    /** A non-negative number of seconds (fractions allowed), or {@code fallback} when absent. */
    double secondsParam(String name, double fallback) {
        return param(name, fallback, "[0-9.]+", Double::valueOf, "a number of seconds >= 0");
    }

    /** A parameter written as {@code digits} and read by {@code parse}, or {@code fallback} when absent; else a 400 saying it must be {@code what}. */
    private <N> N param(String name, N fallback, String digits, Function<String, N> parse, String what) {
        String v = query.get(name);
        if (v == null || v.isEmpty()) {
            return fallback;
        }
        if (v.matches(digits)) {
            try {
                return parse.apply(v);
            } catch (NumberFormatException e) {
                // too large, or a lone dot: the error below
            }
        }
        throw HttpError.badRequest("query parameter '" + name + "' must be " + what + ", got '" + v + "'");
    }

    static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> out = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                out.putIfAbsent(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw HttpError.badRequest("the query string is not valid URL encoding");
            }
        }
        return out;
    }

    private static HttpError tooLarge() {
        return new HttpError(413, "request body is larger than " + MAX_BODY + " bytes (1 MiB)");
    }
}
