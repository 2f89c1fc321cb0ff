package dev.pincer.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/API.md documents every route the web server registers, and only those: each route of the
 * started server's route table has a heading {@code ### `METHOD /path/{name}`} there, and every
 * such heading is a route the server answers. Every event type the host publishes for
 * {@code GET /api/events} has a row in its table of event types.
 */
class ApiDocsTest {

    static final Path API_MD = Path.of("..", "docs", "API.md").toAbsolutePath().normalize();
    private static final Pattern HEADING = Pattern.compile("(?m)^### `([A-Z]+) (/[^`\\s]*)`\\s*$");

    /** The routes {@code markdown} documents, with each {@code {name}} of a path written {@code {}} as the route table has it. */
    static Set<String> documented(String markdown) {
        Set<String> routes = new TreeSet<>();
        Matcher m = HEADING.matcher(markdown);
        while (m.find()) {
            String path = m.group(2).replaceAll("\\?.*$", "").replaceAll("\\{[^}/]+\\}", "{}");
            routes.add(m.group(1) + " " + path);
        }
        return routes;
    }

    @Test
    void everyRouteTheServerRegistersIsDocumentedAndNothingElse(@TempDir Path dir) throws IOException {
        List<String> table;
        try (TestHost host = new TestHost(dir)) {
            table = host.server.routeTable();
        }
        assertThat(table).as("the route table").contains("GET /api/events", "POST /api/session", "GET /");
        Set<String> documented = documented(Files.readString(API_MD));
        assertThat(new TreeSet<>(table)).as("routes the server registers that " + API_MD + " does not document")
                .isSubsetOf(documented);
        assertThat(documented).as("routes " + API_MD + " documents that the server does not register")
                .isSubsetOf(new TreeSet<>(table));
    }

    @Test
    void everyEventTypeTheHostPublishesIsDocumented() throws IOException {
        Pattern publish = Pattern.compile("publish\\(\"([a-z-]+)\"");
        Set<String> types = new TreeSet<>();
        for (Path src : List.of(Path.of("..", "host", "src", "main", "java"), Path.of("src", "main", "java"))) {
            try (var files = Files.walk(src)) {
                for (Path f : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    publish.matcher(Files.readString(f)).results().forEach(m -> types.add(m.group(1)));
                }
            }
        }
        assertThat(types).as("event types found in the sources").contains("message", "typing", "run", "group", "task");
        String markdown = Files.readString(API_MD);
        assertThat(types).allSatisfy(type -> assertThat(markdown).as("docs/API.md's row for the event " + type)
                .contains("| `" + type + "` |"));
        assertThat(markdown).contains("| `reset` |");
    }

    @Test
    void theCheckReadsHeadingsAndTheirPathParts() {
        String md = """
                ### `GET /api/chats/{chat}/messages`
                ### `POST /api/chats/{chat}/files?name=FILE`
                Some text naming `GET /api/nosuch` outside a heading.
                """;
        assertThat(documented(md)).containsExactly("GET /api/chats/{}/messages", "POST /api/chats/{}/files");
    }
}
