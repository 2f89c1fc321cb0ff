package dev.pincer.cli.service;

/** A launchd agent ({@code dev.pincer}) that runs {@code <launcher> start} at login and again when it fails. */
final class Launchd {
    private Launchd() {}

    static String plist(Launch l) {
        String logs = l.home().resolve("logs").toString();
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
                <!-- Pincer, written by ./pincer service install; remove it with ./pincer service uninstall -->
                <plist version="1.0">
                <dict>
                  <key>Label</key><string>dev.pincer</string>
                  <key>ProgramArguments</key>
                  <array><string>%s</string><string>start</string></array>
                  <key>WorkingDirectory</key><string>%s</string>
                  <key>EnvironmentVariables</key>
                  <dict>
                    <key>PINCER_HOME</key><string>%s</string>
                    <key>JAVA_HOME</key><string>%s</string>
                    <key>PATH</key><string>/opt/homebrew/bin:/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin</string>
                  </dict>
                  <key>RunAtLoad</key><true/>
                  <key>KeepAlive</key>
                  <dict><key>SuccessfulExit</key><false/></dict>
                  <key>StandardOutPath</key><string>%s/pincer.log</string>
                  <key>StandardErrorPath</key><string>%s/pincer.err.log</string>
                </dict>
                </plist>
                """.formatted(xml(l.launcher().toString()), xml(l.home().toString()), xml(l.home().toString()),
                xml(l.javaHome().toString()), xml(logs), xml(logs));
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
