import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The test summary CI prints after each run, and its gate. Reads every surefire report
 * ({@code TEST-*.xml}) under the given directories and prints tests, failures, errors and skips per
 * class and in total, then every skipped test with the reason its assumption gave. A failure, an
 * error, or a skip that {@code .ci/allowed-skips.txt} does not allow for this run fails the gate
 * (CI runs Maven with {@code -Dmaven.test.failure.ignore=true}, so one module's failure does not
 * keep the others from running, and relies on this gate).
 *
 * <p>Usage: {@code java .ci/SkipReport.java <run> <allow-list> <dir>...}; run is a name such as
 * {@code root}, {@code user} or {@code container}. Exit status: 0 all fine, 1 a failure, an error
 * or a skip that is not allowed, 2 no report found. Allow-list lines:
 * {@code <run|*> <Class[#method]> <why>}; {@code #} starts a comment.
 */
public final class SkipReport {

    record Counts(int tests, int failures, int errors, int skipped) {
        Counts plus(Counts o) {
            return new Counts(tests + o.tests, failures + o.failures, errors + o.errors, skipped + o.skipped);
        }
    }

    record Skip(String className, String method, String reason) {
        String id() {
            return className + "#" + method;
        }
    }

    record Allowed(String run, String test, String why) {
        boolean covers(String thisRun, Skip s) {
            return (run.equals("*") || run.equals(thisRun)) && (test.equals(s.className()) || test.equals(s.id()));
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: java .ci/SkipReport.java <run> <allowed-skips.txt> <report-dir>...");
            System.exit(64);
        }
        String run = args[0];
        List<Allowed> allowed = readAllowList(Path.of(args[1]));
        Map<String, Counts> perClass = new TreeMap<>();
        List<Skip> skips = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            for (Path report : reports(Path.of(args[i]))) {
                read(report, perClass, skips);
            }
        }
        if (perClass.isEmpty()) {
            System.out.println("test summary (" + run + "): no surefire reports under " + List.of(args).subList(2, args.length));
            System.exit(2);
        }
        Counts total = perClass.values().stream().reduce(new Counts(0, 0, 0, 0), Counts::plus);
        System.out.printf("test summary (%s): per class: tests failures errors skipped%n", run);
        perClass.forEach((name, c) -> System.out.printf("  %-72s %4d %3d %3d %3d%n", name, c.tests(), c.failures(),
                c.errors(), c.skipped()));
        System.out.printf("test summary (%s): %d classes, %d tests, %d failures, %d errors, %d skipped%n", run,
                perClass.size(), total.tests(), total.failures(), total.errors(), total.skipped());
        int refused = 0;
        for (Skip s : skips) {
            Allowed a = allowed.stream().filter(x -> x.covers(run, s)).findFirst().orElse(null);
            if (a == null) {
                refused++;
            }
            System.out.printf("  skipped %s: %s%n    %s%n", s.id(), s.reason(),
                    a == null ? "NOT ALLOWED: add a line to .ci/allowed-skips.txt only if this run cannot run it, saying why"
                            : "allowed (" + a.run() + "): " + a.why());
        }
        boolean failed = total.failures() + total.errors() > 0;
        if (failed) {
            System.out.printf("test gate (%s): FAILED, %d failures, %d errors%n", run, total.failures(), total.errors());
        }
        if (refused > 0) {
            System.out.printf("skip gate (%s): FAILED, %d test(s) skipped that CI must run%n", run, refused);
        } else {
            System.out.printf("skip gate (%s): ok, %d skipped, all allowed%n", run, skips.size());
        }
        System.exit(failed || refused > 0 ? 1 : 0);
    }

    private static List<Allowed> readAllowList(Path file) throws IOException {
        List<Allowed> out = new ArrayList<>();
        for (String raw : Files.readAllLines(file)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\\s+", 3);
            if (f.length < 3) {
                throw new IllegalArgumentException(file + ": '" + line + "' needs <run|*> <Class[#method]> <why>");
            }
            out.add(new Allowed(f[0], f[1], f[2]));
        }
        return out;
    }

    private static List<Path> reports(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith("TEST-") && n.endsWith(".xml") && p.getParent().getFileName().toString().equals("surefire-reports");
            }).sorted().toList();
        }
    }

    private static void read(Path report, Map<String, Counts> perClass, List<Skip> skips) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = f.newDocumentBuilder().parse(report.toFile());
        Element suite = doc.getDocumentElement();
        String name = suite.getAttribute("name");
        Counts c = new Counts(num(suite, "tests"), num(suite, "failures"), num(suite, "errors"), num(suite, "skipped"));
        perClass.merge(name, c, Counts::plus);
        NodeList cases = suite.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            Element tc = (Element) cases.item(i);
            NodeList skipped = tc.getElementsByTagName("skipped");
            if (skipped.getLength() > 0) {
                skips.add(new Skip(tc.getAttribute("classname").isEmpty() ? name : tc.getAttribute("classname"),
                        tc.getAttribute("name"), reason((Element) skipped.item(0))));
            }
        }
    }

    /**
     * Why a test was skipped: the {@code message} attribute, else the first line of the element's text
     * (JUnit's {@code TestAbortedException: Assumption failed: <message>}).
     */
    private static String reason(Element skipped) {
        String message = skipped.getAttribute("message").strip();
        if (message.isEmpty()) {
            message = skipped.getTextContent().strip().lines().findFirst().orElse("")
                    .replaceFirst("^org\\.opentest4j\\.TestAbortedException: ", "");
        }
        return message.isEmpty() ? "(no reason given: add a message to the assumption)" : message;
    }

    private static int num(Element e, String attribute) {
        String v = e.getAttribute(attribute);
        return v.isEmpty() ? 0 : Integer.parseInt(v);
    }
}
