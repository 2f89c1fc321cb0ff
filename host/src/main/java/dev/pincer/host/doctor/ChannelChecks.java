package dev.pincer.host.doctor;

import dev.pincer.host.channel.Channel;
import dev.pincer.host.channel.ChannelProvider;
import dev.pincer.host.channel.ChannelSettings;
import dev.pincer.host.chatapps.ChatApps;
import dev.pincer.host.config.Config;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The {@code doctor} lines about chat channels: every channel module on the class path, whether its
 * settings are present, and for a configured one a quick check against its platform (the token is
 * accepted, the mailbox logs in), with what to fix when it fails.
 */
final class ChannelChecks {
    private ChannelChecks() {}

    static final long CHECK_SECONDS = 10;

    static List<Check> checks(Config config) {
        List<Check> checks = new ArrayList<>();
        for (ChannelProvider p : ServiceLoader.load(ChannelProvider.class)) {
            checks.add(check(config, p));
        }
        return checks;
    }

    static Check check(Config config, ChannelProvider p) {
        String name = "channel " + p.name();
        String required = String.join(", ", p.settings().stream().filter(ChannelProvider.Setting::required)
                .map(ChannelProvider.Setting::name).toList());
        Optional<Channel> channel;
        try {
            channel = p.create(new ChannelSettings(config.settings(),
                    ChatApps.dataDir(config.layout().dataDir(), p.name()), config.assistant().name()));
        } catch (IllegalArgumentException e) {
            return new Check(name, false, "settings refused: " + e.getMessage(), "correct the setting in .env");
        }
        if (channel.isEmpty()) {
            return Check.info(name, "not configured (needs " + required + ")");
        }
        Channel c = channel.get();
        try {
            Optional<String> what = CompletableFuture.supplyAsync(() -> {
                try {
                    return c.check();
                } catch (Exception e) {
                    throw new IllegalStateException(e.getMessage() == null ? e.toString() : e.getMessage(), e);
                }
            }).get(CHECK_SECONDS, TimeUnit.SECONDS);
            return new Check(name, true, what.map(w -> "configured; " + w).orElse("configured (not checked before start)"), "");
        } catch (ExecutionException e) {
            return new Check(name, false, "configured, but the check failed: " + e.getCause().getMessage(),
                    "check " + required + " (see channels/" + p.name() + "/README.md)");
        } catch (TimeoutException e) {
            return new Check(name, false, "configured, but the platform did not answer within " + CHECK_SECONDS + " s",
                    "check the network and the " + p.name() + " settings");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Check(name, false, "interrupted", "run doctor again");
        } finally {
            c.stop();
        }
    }
}
