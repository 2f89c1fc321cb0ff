package dev.pincer.channel.slack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MrkdwnTest {

    @Test
    void markupInTheTextIsEscapedSoItCannotPingOrLink() {
        assertThat(Mrkdwn.format("<script>alert('x')</script> & <!channel> <@U123> <https://evil.example|safe>"))
                .isEqualTo("&lt;script&gt;alert('x')&lt;/script&gt; &amp; &lt;!channel&gt; &lt;@U123&gt; &lt;https://evil.example|safe&gt;");
        assertThat(Mrkdwn.format("AT&T &amp; co")).isEqualTo("AT&amp;T &amp;amp; co");
    }

    @Test
    void emphasisBecomesSlacksOwn() {
        assertThat(Mrkdwn.format("**bold** and __also bold__, *italic*, _italic_ and ~~gone~~"))
                .isEqualTo("*bold* and *also bold*, _italic_, _italic_ and ~gone~");
        assertThat(Mrkdwn.format("2 * 3 * 4 = 24, snake_case_name, a*b, ~ approx, **")).as("lone marks stay as they are")
                .isEqualTo("2 * 3 * 4 = 24, snake_case_name, a*b, ~ approx, **");
    }

    @Test
    void linksBecomeSlackLinksWithTheirTextEscaped() {
        assertThat(Mrkdwn.format("see [the <docs> & more](https://x.example/a?b=1&c=2) or https://y.example/p_q_r"))
                .isEqualTo("see <https://x.example/a?b=1&amp;c=2|the &lt;docs&gt; &amp; more> or https://y.example/p_q_r");
        assertThat(Mrkdwn.format("[a|b](https://x.example)")).isEqualTo("<https://x.example|a¦b>");
        assertThat(Mrkdwn.format("[not a link](javascript:alert(1))")).isEqualTo("[not a link](javascript:alert(1))");
    }

    @Test
    void codeStaysCodeButIsEscaped() {
        assertThat(Mrkdwn.format("run `a **b** <c>` now")).isEqualTo("run `a **b** &lt;c&gt;` now");
        assertThat(Mrkdwn.format("```java\nif (a < b && **c**) {}\n```\n**after**"))
                .isEqualTo("```\nif (a &lt; b &amp;&amp; **c**) {}\n```\n*after*");
        assertThat(Mrkdwn.format("```x < y```")).isEqualTo("```x &lt; y```");
    }

    @Test
    void headingsAndListsReadWellInSlack() {
        assertThat(Mrkdwn.format("# Plan\n- one **1**\n* two\n  + nested\n1. numbered"))
                .isEqualTo("*Plan*\n• one *1*\n• two\n  • nested\n1. numbered");
    }
}
