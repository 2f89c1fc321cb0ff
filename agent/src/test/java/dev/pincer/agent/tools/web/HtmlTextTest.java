package dev.pincer.agent.tools.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class HtmlTextTest {

    @Test
    void keepsStructureAndDropsChrome() {
        String html = """
                <!doctype html><html><head><title>T &amp; C</title><style>p{}</style></head><body>
                <nav><a href="/">Home</a></nav><script>alert("x")</script><!-- hidden -->
                <h2>Section   one</h2><p>Some <b>bold</b> text&nbsp;and a <a href='/doc?a=1&amp;b=2'>link</a>.</p>
                <ul><li>first</li><li>second &#8212; &#x41;</li></ul>
                <pre>  indented
                  code</pre><p>inline <code>x&lt;y</code></p><footer>foot</footer></body></html>""";
        String text = HtmlText.convert(html, URI.create("https://example.com/dir/page"));
        assertThat(text).startsWith("# T & C")
                .contains("## Section one")
                .contains("Some **bold** text and a [link](https://example.com/doc?a=1&b=2).")
                .contains("- first\n- second \u2014 A")
                .contains("```\n  indented\n")
                .contains("inline `x<y`")
                .doesNotContain("alert").doesNotContain("Home").doesNotContain("hidden").doesNotContain("p{}")
                .doesNotContain("foot").doesNotContain("\n\n\n");
    }

    @Test
    void decodesEntitiesAndLeavesUnknownOnes() {
        assertThat(HtmlText.decode("&lt;a&gt; &quot;q&quot; &#39;s&#39; &bogus; &#0;")).isEqualTo("<a> \"q\" 's' &bogus; \ufffd");
    }
}
