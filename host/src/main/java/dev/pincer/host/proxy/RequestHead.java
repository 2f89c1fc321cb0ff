package dev.pincer.host.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed HTTP/1.x request line and header block. Header names are kept lower-case.
 *
 * @param contentLength the declared body length (0 when absent), not yet checked against any cap
 */
record RequestHead(String method, String target, String version, List<Map.Entry<String, String>> headers,
                   long contentLength) {

    static final int MAX_HEAD_BYTES = 64 * 1024;

    private static final Pattern REQUEST_LINE = Pattern.compile("([A-Z]{1,20}) (\\S{1,16384}) (HTTP/1\\.[01])");
    private static final Pattern HEADER = Pattern.compile("([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \\t]*(.*?)[ \\t]*");

    /** The first value of header {@code name}, or null. */
    String header(String name) {
        return headers.stream().filter(h -> h.getKey().equals(name)).map(Map.Entry::getValue).findFirst().orElse(null);
    }

    boolean expectsContinue() {
        String expect = header("expect");
        return expect != null && expect.equalsIgnoreCase("100-continue");
    }

    /**
     * Reads one request head. Returns null if the stream ends before the first byte (a client that
     * connected and left).
     *
     * @throws ProxyRefusal for malformed or oversized requests and unsupported body framing
     */
    static RequestHead read(InputStream in) throws IOException, ProxyRefusal {
        List<String> lines = readLines(in);
        if (lines == null) {
            return null;
        }
        Matcher rl = REQUEST_LINE.matcher(lines.get(0));
        if (!rl.matches()) {
            throw new ProxyRefusal(400, "malformed request line");
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.startsWith(" ") || line.startsWith("\t")) {
                throw new ProxyRefusal(400, "folded header lines are not supported");
            }
            Matcher h = HEADER.matcher(line);
            if (!h.matches()) {
                throw new ProxyRefusal(400, "malformed header line");
            }
            headers.add(new SimpleImmutableEntry<>(h.group(1).toLowerCase(Locale.ROOT), h.group(2)));
        }
        return new RequestHead(rl.group(1), rl.group(2), rl.group(3), List.copyOf(headers), bodyLength(headers));
    }

    private static long bodyLength(List<Map.Entry<String, String>> headers) throws ProxyRefusal {
        boolean chunked = headers.stream().anyMatch(h -> h.getKey().equals("transfer-encoding"));
        List<String> lengths = headers.stream().filter(h -> h.getKey().equals("content-length"))
                .map(Map.Entry::getValue).distinct().toList();
        if (chunked && !lengths.isEmpty()) {
            throw new ProxyRefusal(400, "both Content-Length and Transfer-Encoding were sent");
        }
        if (chunked) {
            throw new ProxyRefusal(411, "chunked request bodies are not supported; send Content-Length");
        }
        if (lengths.isEmpty()) {
            return 0;
        }
        if (lengths.size() > 1 || !lengths.get(0).matches("[0-9]{1,12}")) {
            throw new ProxyRefusal(400, "invalid Content-Length");
        }
        return Long.parseLong(lengths.get(0)); // the cap is the route's to check (EgressLimits)
    }

    /** Lines of the head up to the empty line, CRLF-terminated, leading empty lines skipped. */
    private static List<String> readLines(InputStream in) throws IOException, ProxyRefusal {
        List<String> lines = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int total = 0;
        boolean sawCr = false;
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (total == 0) {
                    return null;
                }
                throw new ProxyRefusal(400, "connection closed inside the request head");
            }
            if (++total > MAX_HEAD_BYTES) {
                throw new ProxyRefusal(431, "request head over " + MAX_HEAD_BYTES + " bytes");
            }
            if (sawCr) {
                if (b != '\n') {
                    throw new ProxyRefusal(400, "bare CR in the request head");
                }
                sawCr = false;
                String text = line.toString(StandardCharsets.ISO_8859_1);
                line.reset();
                if (text.isEmpty()) {
                    if (lines.isEmpty()) {
                        continue; // tolerated empty line before the request line
                    }
                    return lines;
                }
                lines.add(text);
            } else if (b == '\r') {
                sawCr = true;
            } else if (b == '\n') {
                throw new ProxyRefusal(400, "bare LF in the request head");
            } else if ((b < 0x20 && b != '\t') || b == 0x7f) {
                throw new ProxyRefusal(400, "control character in the request head");
            } else {
                line.write(b);
            }
        }
    }
}
