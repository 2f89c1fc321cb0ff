package dev.pincer.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One endpoint: a method and a path template whose {@code {}} segments match any one non-empty
 * segment and are handed to the handler, raw (handlers validate them).
 */
record Route(String method, List<String> template, Handler handler) {

    @FunctionalInterface
    interface Handler {
        Reply handle(Request request) throws IOException, InterruptedException;
    }

    static Route of(String method, String path, Handler handler) {
        return new Route(method, List.of(path.split("/", -1)), handler);
    }

    /** The values of the template's holes if {@code segments} fit it. */
    Optional<List<String>> match(List<String> segments) {
        if (segments.size() != template.size()) {
            return Optional.empty();
        }
        List<String> params = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            String want = template.get(i);
            String got = segments.get(i);
            if (want.equals("{}")) {
                if (got.isEmpty()) {
                    return Optional.empty();
                }
                params.add(got);
            } else if (!want.equals(got)) {
                return Optional.empty();
            }
        }
        return Optional.of(params);
    }
}
