package dev.pincer.host.config;

import java.net.URI;
import java.time.ZoneId;
import java.util.Map;
import java.util.function.Function;

/** Typed reads of merged settings, with errors that name the setting and say what it must be. */
record Settings(Map<String, String> s) {

    String text(String key, String def) {
        String v = s.get(key);
        return v == null || v.isBlank() ? def : v.strip();
    }

    int integer(String key, int def, int min, int max) {
        return number(key, def, min, max, Integer::valueOf, "a whole number");
    }

    double decimal(String key, double def, double min, double max) {
        return number(key, def, min, max, Double::valueOf, "a number");
    }

    private <N extends Comparable<N>> N number(String key, N def, N min, N max, Function<String, N> parse, String what) {
        String v = text(key, null);
        if (v == null) {
            return def;
        }
        N n;
        try {
            n = parse.apply(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + "=" + v + " is not " + what);
        }
        if (!(n.compareTo(min) >= 0 && n.compareTo(max) <= 0)) {
            throw new IllegalArgumentException(key + "=" + v + " is out of range " + min + ".." + max);
        }
        return n;
    }

    URI uri(String key, String def) {
        String v = text(key, def);
        // a URL may carry a password (user info): messages show it masked
        String shown = v.replaceAll("//[^/@]*@", "//***@");
        URI u;
        try {
            u = URI.create(v.endsWith("/") ? v.substring(0, v.length() - 1) : v);
        } catch (IllegalArgumentException e) {
            // not chained: the parser's message repeats the whole URL
            throw new IllegalArgumentException(key + "=" + shown + " is not a valid URL: "
                    + e.getMessage().replaceAll("//[^/@]*@", "//***@"));
        }
        if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme()) || u.getHost() == null) {
            throw new IllegalArgumentException(key + "=" + shown + " must be an http(s) URL");
        }
        return u;
    }

    String oneOf(String key, String def, String... allowed) {
        String v = text(key, def);
        for (String a : allowed) {
            if (a.equals(v)) {
                return v;
            }
        }
        throw new IllegalArgumentException(key + "=" + v + " must be one of " + String.join(", ", allowed));
    }

    boolean onOff(String key, boolean def) {
        return oneOf(key, def ? "on" : "off", "on", "off").equals("on");
    }

    ZoneId zone(String key) {
        String v = text(key, null);
        if (v == null) {
            return ZoneId.systemDefault();
        }
        try {
            return ZoneId.of(v.startsWith(":") ? v.substring(1) : v);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(key + "=" + v + " is not a known time zone");
        }
    }
}
