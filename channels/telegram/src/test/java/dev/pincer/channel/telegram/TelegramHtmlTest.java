package dev.pincer.channel.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TelegramHtmlTest {

    private static String html(String markdown) {
        String out = TelegramHtml.format(markdown);
        HtmlEntities.visibleText(out); // Telegram would parse it
        return out;
    }

    @Test
    void markupInTheTextIsEscapedNotObeyed() {
        assertThat(html("<script>alert('x')</script> & <b>not bold</b> a > b"))
                .isEqualTo("&lt;script&gt;alert('x')&lt;/script&gt; &amp; &lt;b&gt;not bold&lt;/b&gt; a &gt; b");
        assertThat(html("Tom & Jerry &amp; co")).isEqualTo("Tom &amp; Jerry &amp;amp; co");
    }

    @Test
    void theMarkdownSubsetBecomesTelegramTags() {
        assertThat(html("**bold** and *italic* and _also italic_ and `a < b`"))
                .isEqualTo("<b>bold</b> and <i>italic</i> and <i>also italic</i> and <code>a &lt; b</code>");
        assertThat(html("**bold with *italic* inside**")).isEqualTo("<b>bold with <i>italic</i> inside</b>");
        assertThat(html("see [the docs](https://example.com/a?b=1&c=\"2\")"))
                .isEqualTo("see <a href=\"https://example.com/a?b=1&amp;c=&quot;2&quot;\">the docs</a>");
        assertThat(html("## A heading\ntext")).isEqualTo("<b>A heading</b>\ntext");
    }

    @Test
    void codeFencesArePreformattedAndEscaped() {
        assertThat(html("Run:\n```java\nif (a < b && c) { x = *p; }\n```\ndone"))
                .isEqualTo("Run:\n<pre><code class=\"language-java\">if (a &lt; b &amp;&amp; c) { x = *p; }</code></pre>\ndone");
        assertThat(html("```\n**not bold**\n```")).isEqualTo("<pre><code>**not bold**</code></pre>");
    }

    @Test
    void strayMarkersStayAsTheyAre() {
        assertThat(html("snake_case_name and 2 * 3 * 4 and ~tilde~ and a lone * star and **open"))
                .isEqualTo("snake_case_name and 2 * 3 * 4 and ~tilde~ and a lone * star and **open");
        assertThat(html("an unclosed `tick and [no link](javascript:alert(1))"))
                .isEqualTo("an unclosed `tick and [no link](javascript:alert(1))");
        assertThat(html("```python\nnever closed")).isEqualTo("```python\nnever closed");
    }

    @Test
    void plainTextIsWhatAReaderSees() {
        String md = "**Hi** <you> & `x<y`";
        assertThat(TelegramHtml.plain(TelegramHtml.format(md))).isEqualTo("Hi <you> & x<y");
        assertThat(TelegramHtml.plain(TelegramHtml.format(md))).isEqualTo(HtmlEntities.visibleText(TelegramHtml.format(md)));
    }
}
