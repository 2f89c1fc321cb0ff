package dev.pincer.channel.email;

import dev.pincer.host.channel.RecordingContext;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** For tests of a started channel: fresh mail servers and a channel reading them, for each test. */
abstract class RunningChannel {

    @TempDir Path dir;
    MailServers servers;
    EmailChannel channel;
    final RecordingContext context = new RecordingContext();

    @BeforeEach
    void startChannel() {
        servers = new MailServers();
        channel = Channels.start(servers, dir, EmailSettings.Timing.standard(), context);
    }

    @AfterEach
    void stopChannel() {
        channel.stop();
        servers.close();
    }
}
