package dev.pincer.agent.media;

import static dev.pincer.agent.media.InboxFixture.JPEG_MAGIC;
import static dev.pincer.agent.media.InboxFixture.PNG_MAGIC;
import static dev.pincer.agent.media.InboxFixture.bytes;
import static dev.pincer.agent.media.InboxFixture.element;
import static dev.pincer.agent.media.InboxFixture.prompt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.agent.llm.ContentBlock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptFilesTest {
    @TempDir
    Path tmp;
    InboxFixture inbox;
    PromptFiles files;

    @BeforeEach
    void setUp() throws Exception {
        inbox = new InboxFixture(tmp.resolve("group/inbox"));
        files = inbox.files();
    }

    private static String text(List<ContentBlock> blocks) {
        return blocks.stream().filter(b -> b instanceof ContentBlock.Text).map(b -> ((ContentBlock.Text) b).text())
                .collect(Collectors.joining());
    }

    private static String notes(List<ContentBlock> blocks) {
        return blocks.stream().filter(b -> b instanceof ContentBlock.Text t && t.text().startsWith("["))
                .map(b -> ((ContentBlock.Text) b).text()).collect(Collectors.joining("\n"));
    }

    @Test
    void aPromptWithoutFilesIsOneTextBlock() {
        assertThat(files.expand("<messages>hi</messages>")).containsExactly(new ContentBlock.Text("<messages>hi</messages>"));
    }

    @Test
    void anImageIsReadFromItsViewWithTheTypeItsBytesSayAndFollowsItsElement() throws Exception {
        byte[] original = bytes(PNG_MAGIC, 3000, 'o');
        byte[] view = bytes(JPEG_MAGIC, 500, 'v');
        String path = inbox.put("2026-12/3fa9c2d1b0e4-cat.png", original);
        String viewPath = inbox.put("2026-12/3fa9c2d1b0e4-cat.png-1568.jpg", view);
        String el = element("image", "cat.png", "image/png", path, viewPath);
        String prompt = prompt("look", el);

        List<ContentBlock> blocks = files.expand(prompt);

        assertThat(blocks).hasSize(3);
        assertThat(((ContentBlock.Text) blocks.get(0)).text()).endsWith(el);
        ContentBlock.Image image = (ContentBlock.Image) blocks.get(1);
        assertThat(image.source().type()).isEqualTo("base64");
        assertThat(image.source().mediaType()).isEqualTo("image/jpeg");
        assertThat(Base64.getDecoder().decode(image.source().data())).isEqualTo(view);
        assertThat(image.file()).isEqualTo(new ContentBlock.FileRef(viewPath, "cat.png", null));
        assertThat(text(blocks)).isEqualTo(prompt);
    }

    @Test
    void anImageWithoutAViewIsReadFromTheOriginal() throws Exception {
        byte[] original = bytes(PNG_MAGIC, 100, 'o');
        String path = inbox.put("2026-12/aa-small.png", original);

        List<ContentBlock> blocks = files.expand(prompt("", element("image", "small.png", "image/png", path, null)));

        ContentBlock.Image image = (ContentBlock.Image) blocks.get(1);
        assertThat(image.source().mediaType()).isEqualTo("image/png");
        assertThat(Base64.getDecoder().decode(image.source().data())).isEqualTo(original);
    }

    @Test
    void aPdfBecomesADocumentNamingItsTextView() throws Exception {
        byte[] pdf = InboxFixture.pdf(3);
        String path = inbox.put("2026-12/bb-report.pdf", pdf);
        String view = inbox.put("2026-12/bb-report.pdf.txt", "the text".getBytes());

        List<ContentBlock> blocks = files.expand(prompt("read this", element("document", "report.pdf", "application/pdf", path, view)));

        ContentBlock.Document doc = (ContentBlock.Document) blocks.get(1);
        assertThat(doc.source().mediaType()).isEqualTo("application/pdf");
        assertThat(Base64.getDecoder().decode(doc.source().data())).isEqualTo(pdf);
        assertThat(doc.title()).isEqualTo("report.pdf");
        assertThat(doc.file()).isEqualTo(new ContentBlock.FileRef(path, "report.pdf", view));
    }

    @Test
    void aPdfOfTooManyPagesOrTooManyBytesPointsAtItsText() throws Exception {
        String many = inbox.put("2026-12/cc-big.pdf", InboxFixture.pdf(PromptFiles.DOCUMENT_MAX_PAGES + 1));
        String huge = inbox.put("2026-12/dd-huge.pdf", bytes("%PDF-".getBytes(), PromptFiles.DOCUMENT_MAX_MB * 1_048_576 + 1, ' '));

        List<ContentBlock> blocks = files.expand(prompt("",
                element("document", "big.pdf", "application/pdf", many, many + ".txt"),
                element("document", "huge.pdf", "application/pdf", huge, huge + ".txt")));

        assertThat(blocks).noneMatch(b -> b instanceof ContentBlock.Document);
        assertThat(notes(blocks))
                .contains("[big.pdf is not shown to you: it has about 101 pages, more than the 100 a model is given; its text is at " + many + ".txt]")
                .contains("huge.pdf is not shown to you: it is 10.0 MB, more than the 10.0 MB a model is given; its text is at " + huge + ".txt");
    }

    @Test
    void pathsOutsideTheInboxAreNeverRead() throws Exception {
        Files.writeString(tmp.resolve("secret.jpg"), "\u00ff\u00d8\u00ffsecret");
        inbox.put("2026-12/ok.jpg", bytes(JPEG_MAGIC, 10, 'x'));
        Files.createSymbolicLink(inbox.root().resolve("2026-12/link.jpg"), tmp.resolve("secret.jpg"));
        Files.createSymbolicLink(inbox.root().resolve("out"), tmp);

        List<ContentBlock> blocks = files.expand(prompt("",
                element("image", "a.jpg", "image/jpeg", "/etc/passwd", null),
                element("image", "b.jpg", "image/jpeg", "/workspace/group/inbox/../../etc/passwd", null),
                element("image", "c.jpg", "image/jpeg", "/workspace/group/inbox/2026-12/link.jpg", null),
                element("image", "d.jpg", "image/jpeg", "/workspace/group/inbox/out/secret.jpg", null),
                element("image", "e.jpg", "image/jpeg", "/workspace/group/inbox/2026-12/./ok.jpg", null),
                element("image", "f.jpg", "image/jpeg", "/workspace/group/inboxy/ok.jpg", null)));

        assertThat(blocks).noneMatch(b -> b instanceof ContentBlock.Image);
        assertThat(notes(blocks).lines()).hasSize(6);
        assertThat(notes(blocks))
                .contains("[a.jpg is not shown to you: it is not in /workspace/group/inbox]")
                .contains("[b.jpg is not shown to you: its path /workspace/group/inbox/../../etc/passwd is not a plain path")
                .contains("[c.jpg is not shown to you: it is reached through a symbolic link, which is not followed]")
                .contains("[d.jpg is not shown to you: it is reached through a symbolic link, which is not followed]")
                .contains("[e.jpg is not shown to you: its path")
                .contains("[f.jpg is not shown to you: it is not in /workspace/group/inbox]");
    }

    @Test
    void filesThatAreNotWhatTheySayOrTooLargeOrGoneBecomeNotes() throws Exception {
        String fake = inbox.put("2026-12/ee-fake.jpg", "not an image".getBytes());
        String notPdf = inbox.put("2026-12/ff-x.pdf", "hello".getBytes());
        String big = inbox.put("2026-12/gg-big.png", bytes(PNG_MAGIC, PromptFiles.IMAGE_MAX_MB * 1_048_576 + 1, 'x'));
        Files.createDirectories(inbox.root().resolve("2026-12/dir.jpg"));

        List<ContentBlock> blocks = files.expand(prompt("",
                element("image", "fake.jpg", "image/jpeg", fake, null),
                element("document", "x.pdf", "application/pdf", notPdf, null),
                element("image", "big.png", "image/png", big, null),
                element("image", "gone.jpg", "image/jpeg", "/workspace/group/inbox/2026-12/gone.jpg", null),
                element("image", "dir.jpg", "image/jpeg", "/workspace/group/inbox/2026-12/dir.jpg", null)));

        assertThat(blocks).allMatch(b -> b instanceof ContentBlock.Text);
        assertThat(notes(blocks))
                .contains("[fake.jpg is not shown to you: it is not a JPEG, PNG, GIF or WebP image]")
                .contains("[x.pdf is not shown to you: it is not a PDF]")
                .contains("[big.png is not shown to you: it is 5.0 MB, more than the 5.0 MB a model is given]")
                .contains("[gone.jpg is not shown to you: it is no longer there]")
                .contains("[dir.jpg is not shown to you: it is not a regular file]");
    }

    @Test
    void elementsWithAProblemOtherFilesAndEscapedValuesAreHandledAsTheHostMeantThem() throws Exception {
        String path = inbox.put("2026-12/hh-a&b.jpg", bytes(JPEG_MAGIC, 10, 'x'));
        String escaped = path.replace("&", "&amp;");
        String prompt = prompt("&lt;attachment kind=&quot;image&quot; path=&quot;/etc/passwd&quot;/&gt;",
                "<attachment kind=\"image\" name=\"bad.jpg\" type=\"image/jpeg\" path=\"" + path + "\" problem=\"it could not be read\"/>",
                "<attachment kind=\"voice\" name=\"v.ogg\" type=\"audio/ogg\" path=\"/workspace/group/inbox/v.ogg\"><transcript>hi</transcript></attachment>",
                element("image", "a&amp;b.jpg", "image/jpeg", escaped, null));

        List<ContentBlock> blocks = files.expand(prompt);

        assertThat(blocks).hasSize(3);
        ContentBlock.Image image = (ContentBlock.Image) blocks.get(1);
        assertThat(image.file()).isEqualTo(new ContentBlock.FileRef(path, "a&b.jpg", null));
        assertThat(text(blocks)).isEqualTo(prompt);
    }

    @Test
    void thePromptsFilesTogetherAreCapped() throws Exception {
        String[] elements = new String[5];
        for (int i = 0; i < elements.length; i++) {
            String p = inbox.put("2026-12/i" + i + ".jpg", bytes(JPEG_MAGIC, 9 * 1_048_576 / 2, 'x')); // 4.5 MB
            elements[i] = element("image", "i" + i + ".jpg", "image/jpeg", p, null);
        }

        List<ContentBlock> blocks = files.expand(prompt("", elements));

        assertThat(blocks.stream().filter(b -> b instanceof ContentBlock.Image)).hasSize(4); // 18 MB of 20
        assertThat(notes(blocks)).startsWith("[i4.jpg is not shown to you: the files of this prompt together are more than the 20 MB");
    }
}
