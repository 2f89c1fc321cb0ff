package dev.pincer.channel.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SlackTextTest {

    private static String plain(String text) {
        Map<String, String> names = Map.of("UBOT", "Andy", "U1", "Ann");
        return SlackText.plain(text, names::get);
    }

    @Test
    void mentionsChannelsAndLinksReadAsPeopleSeeThem() {
        assertThat(plain("<@UBOT> ask <@U1> and <@U7|zed> in <#C1|general> or <#C2>"))
                .isEqualTo("@Andy ask @Ann and @zed in #general or #C2");
        assertThat(plain("<https://x.example/?a=1&amp;b=2|the page> <https://y.example> <mailto:a@b.example|a@b.example>"))
                .isEqualTo("the page (https://x.example/?a=1&b=2) https://y.example a@b.example");
        assertThat(plain("<!here> <!subteam^S1|@devs> <!date^1700000000^{date}|Nov 14>")).isEqualTo("@here @devs Nov 14");
    }

    @Test
    void escapedCharactersComeBack() {
        assertThat(plain("1 &lt; 2 &amp;&amp; 3 &gt; 2, &amp;lt; stays")).isEqualTo("1 < 2 && 3 > 2, &lt; stays");
        assertThat(plain("")).isEmpty();
        assertThat(plain(null)).isEmpty();
    }
}
