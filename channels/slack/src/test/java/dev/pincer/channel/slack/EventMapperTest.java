package dev.pincer.channel.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pincer.host.channel.Inbound.Attachment.Kind;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventMapperTest {

    @Test
    void directMessagesAreTheOnlyNonGroups() {
        assertThat(EventMapper.isGroup("im", "D1")).isFalse();
        assertThat(EventMapper.isGroup("channel", "C1")).isTrue();
        assertThat(EventMapper.isGroup("group", "G1")).isTrue();
        assertThat(EventMapper.isGroup("mpim", "G2")).isTrue();
        assertThat(EventMapper.isGroup(null, "D1")).isFalse();
        assertThat(EventMapper.isGroup(null, "C1")).isTrue();
    }

    @Test
    void fileKindsComeFromTheMimeType() {
        assertThat(EventMapper.kind("image/jpeg", null)).isEqualTo(Kind.IMAGE);
        assertThat(EventMapper.kind("audio/mp4", "slack_audio")).isEqualTo(Kind.VOICE);
        assertThat(EventMapper.kind("audio/mpeg", null)).isEqualTo(Kind.AUDIO);
        assertThat(EventMapper.kind("video/mp4", null)).isEqualTo(Kind.VIDEO);
        assertThat(EventMapper.kind("application/pdf", null)).isEqualTo(Kind.DOCUMENT);
        assertThat(EventMapper.kind(null, null)).isEqualTo(Kind.OTHER);
    }

    @Test
    void aTsIsSecondsAndMicroseconds() {
        assertThat(EventMapper.time("1700000000.000100")).isEqualTo(Instant.ofEpochSecond(1_700_000_000L, 100_000));
        assertThat(EventMapper.time("not a ts")).isNull();
    }
}
