package dev.pincer.host.doctor;

import dev.pincer.host.config.Config;
import dev.pincer.host.groups.GroupConfig;
import dev.pincer.host.sandbox.ExtraMounts;
import dev.pincer.host.sandbox.MountAllowlist;
import dev.pincer.host.store.Database;
import dev.pincer.host.store.Group;
import dev.pincer.host.store.GroupStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code doctor} lines about extra mounts: the allowlist (found, missing, invalid; its roots)
 * and every registered group's requested mount that it would refuse or downgrade, with the reason.
 */
final class MountsCheck {
    private MountsCheck() {}

    static List<Check> checks(Config config) {
        Path userHome = Path.of(System.getProperty("user.home"));
        MountAllowlist allowlist = MountAllowlist.load(config.sandbox().storage().mountAllowlist(), userHome, config.layout().home());
        boolean missing = !allowlist.usable() && !Files.exists(allowlist.file());
        List<Check> checks = new ArrayList<>();
        // A missing allowlist is fine (no extra mounts); a broken one is not: someone meant to allow mounts.
        checks.add(new Check("mount allowlist", allowlist.usable() || missing,
                allowlist.usable() ? "found " + allowlist.describe() : allowlist.problem(),
                "fix the file (see docs/SECURITY.md, \"Extra mounts\"), or set PINCER_MOUNT_ALLOWLIST", missing));
        if (!Files.exists(config.layout().database())) {
            return checks;
        }
        try (Database db = Database.open(config.layout().database())) {
            for (Group g : new GroupStore(db).all()) {
                List<GroupConfig.AdditionalMount> requested;
                try {
                    requested = GroupConfig.parse(g.config()).additionalMounts();
                } catch (IllegalArgumentException e) {
                    continue; // an invalid config is reported where it is used
                }
                if (requested.isEmpty()) {
                    continue;
                }
                ExtraMounts.Result r = ExtraMounts.validate(requested.stream()
                        .map(m -> new ExtraMounts.Request(m.hostPath(), m.containerPath(), m.wantsReadOnly())).toList(),
                        allowlist, config.layout().home(), userHome, g.isMain());
                checks.add(new Check("extra mounts of " + g.folder(), true,
                        r.mounts().size() + " granted" + (r.rejections().isEmpty() ? "" : ", " + r.rejections().size() + " refused"),
                        "", true));
                for (String line : r.logLines()) {
                    checks.add(new Check("  " + g.folder(), true, line, "", true));
                }
            }
        } catch (RuntimeException e) {
            checks.add(new Check("extra mounts", true, "groups not checked: " + e.getMessage(), "", true));
        }
        return checks;
    }
}
