package dev.pincer.channel.email.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTextTest {

    @Test
    void blocksBreaksAndListsBecomeLines() {
        assertThat(HtmlText.toPlain("<div>Hi   Andy,<br>see\nbelow</div><p>Para <i>two</i></p><ol><li>a</li><li>b</li></ol>"))
                .isEqualTo("Hi Andy,\nsee below\n\nPara two\n\n- a\n- b");
    }

    @Test
    void scriptsStylesAndCommentsAreDroppedAndReferencesDecoded() {
        assertThat(HtmlText.toPlain("<head><title>T</title><style>p{color:red}</style></head><script>evil()</script>"
                + "<!-- note --><p>5 &lt; 6 &amp;&amp; &quot;ok&quot; &#8364;&#x1F600; &nbsp;&unknown;</p>"))
                .isEqualTo("5 < 6 && \"ok\" €😀  &unknown;");
    }

    @Test
    void linksKeepTheirAddressAndQuotesBecomeQuoteLines() {
        assertThat(HtmlText.toPlain("<p>Read <a href=\"https://x.org/a?b=1&amp;c=2\">this</a> or "
                + "<a href='https://y.org'>https://y.org</a></p>"))
                .isEqualTo("Read this (https://x.org/a?b=1&c=2) or https://y.org");
        assertThat(HtmlText.toPlain("<div>Yes.</div><div>On Mon, Andy wrote:</div><blockquote>Which day?<br>Friday?</blockquote>"))
                .isEqualTo("Yes.\n\nOn Mon, Andy wrote:\n\n> Which day?\n> Friday?");
    }
}
