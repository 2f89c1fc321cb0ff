package dev.pincer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's tour shows screenshots the browser tests take: every image it names is a PNG under
 * {@code docs/screenshots/}, and a browser test saves a screenshot of that name, so running the
 * browser tests renews each of them.
 */
class ReadmeTourTest {

    private static final Path ROOT = SkillsTest.ROOT;
    private static final Pattern IMAGE = Pattern.compile("!\\[[^\\]]+\\]\\((docs/screenshots/([\\w-]+)\\.png)\\)");
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @Test
    void everyScreenshotOfTheTourIsAPngABrowserTestTakes() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        String browserTests;
        try (Stream<Path> files = Files.list(ROOT.resolve("cli/src/test/java/dev/pincer/cli/browser"))) {
            StringBuilder all = new StringBuilder();
            for (Path f : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                all.append(Files.readString(f));
            }
            browserTests = all.toString();
        }
        List<String> shots = new ArrayList<>();
        Matcher m = IMAGE.matcher(readme);
        while (m.find()) {
            Path png = ROOT.resolve(m.group(1));
            assertThat(png).as("the README's image " + m.group(1)).isRegularFile();
            byte[] head = new byte[PNG.length];
            try (var in = Files.newInputStream(png)) {
                assertThat(in.readNBytes(head, 0, head.length)).isEqualTo(PNG.length);
            }
            assertThat(head).as(m.group(1) + " is a PNG").isEqualTo(PNG);
            assertThat(browserTests).as("a browser test saves the screenshot " + m.group(2))
                    .contains("screenshot(\"" + m.group(2) + "\")");
            shots.add(m.group(2));
        }
        assertThat(shots).as("the tour's screenshots").hasSizeBetween(2, 3)
                .contains("chat-streaming", "dashboard-runs", "dashboard-audit");
    }
}
