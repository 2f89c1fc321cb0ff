package dev.pincer.cli.nanoclaw;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pincer.host.config.Config;
import dev.pincer.host.config.GroupFolder;
import dev.pincer.host.groups.GroupConfig;
import dev.pincer.host.groups.GroupRegistry;
import dev.pincer.host.store.Database;
import dev.pincer.host.store.Group;
import dev.pincer.host.store.GroupStore;
import dev.pincer.host.tasks.Task;
import dev.pincer.host.tasks.TaskService;
import dev.pincer.protocol.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Carries a {@link NanoClawInstall} into a stopped Pincer's home: its groups (chat ids mapped, the
 * trigger and whether it is required kept, extra mounts kept), its active and paused tasks, its
 * group folders with their memory, its global memory and its mount allowlist. NanoClaw's main group
 * becomes Pincer's main group ({@code web:main}, folder {@code main}). Running it twice adds nothing
 * twice. Everything it could not carry over is in the report, with why.
 */
public final class Importer {

    /** What was carried over, and what was not (and why). */
    public record Report(List<String> imported, List<String> notCarried) {}

    private final NanoClawInstall nc;
    private final Config config;
    private final List<String> imported = new ArrayList<>();
    private final List<String> notCarried = new ArrayList<>();
    /** NanoClaw folder → Pincer folder and chat, for the tasks. */
    private final Map<String, Group> groups = new HashMap<>();

    private Importer(NanoClawInstall nc, Config config) {
        this.nc = nc;
        this.config = config;
    }

    /**
     * Imports the NanoClaw install at {@code root} into {@code config}'s home, which must not be in use.
     *
     * @param allowlist NanoClaw's mount allowlist file (it may not exist)
     */
    public static Report run(Path root, Config config, Path allowlist) throws IOException {
        Importer i = new Importer(NanoClawInstall.read(root), config);
        NanoClawInstall nc = i.nc;
        try (Database db = Database.open(config.layout().database())) {
            GroupRegistry registry = new GroupRegistry(new GroupStore(db), config.layout(), config.assistant().name());
            registry.ensureDefaults();
            if (GroupFiles.addMemory(nc.groupDir("global").resolve("CLAUDE.md"), config.layout().globalDir().resolve("CLAUDE.md"))) {
                i.imported.add("global memory: groups/global/CLAUDE.md added to Pincer's");
            }
            for (NanoClawInstall.Group g : nc.groups()) {
                i.group(g, registry);
            }
            i.tasks(TaskService.withoutScheduler(db, config.assistant().zone(), config.assistant().tasks()));
        }
        i.allowlist(allowlist);
        i.leftBehind(allowlist);
        return new Report(List.copyOf(i.imported), List.copyOf(i.notCarried));
    }

    private void group(NanoClawInstall.Group g, GroupRegistry registry) throws IOException {
        if (g.isMain()) {
            Group main = registry.byFolder(GroupRegistry.MAIN_FOLDER).orElseThrow();
            groups.put(g.folder(), main);
            files(g, main.folder());
            notCarried.add("main chat " + g.jid() + ": Pincer's main chat is " + main.jid() + "; NanoClaw's main memory and files are"
                    + " now in groups/main. To also answer in that chat: ./pincer groups add --chat "
                    + ChatIds.pincer(g.jid()).orElse("<chat>") + " --name " + g.name() + " --folder " + g.folder() + "-chat --no-trigger");
            return;
        }
        Optional<String> chat = ChatIds.pincer(g.jid());
        if (chat.isEmpty()) {
            notCarried.add("group " + g.name() + " (" + g.folder() + "): its chat id " + g.jid() + " has no Pincer equivalent");
            return;
        }
        Optional<Group> already = registry.byJid(chat.get());
        if (already.isPresent()) {
            groups.put(g.folder(), already.get());
            notCarried.add("group " + g.name() + ": " + chat.get() + " is already registered as group " + already.get().folder()
                    + " (imported before?); left as it is");
            return;
        }
        String folder = folderFor(g.folder(), registry);
        if (!folder.equals(g.folder())) {
            notCarried.add("group " + g.name() + ": folder name '" + g.folder() + "' is not allowed in Pincer; it is '" + folder + "' now");
        }
        Group added = registry.register(new GroupRegistry.NewGroup(chat.get(), folder, g.name(), g.trigger().word(), g.trigger().required(),
                groupConfig(g)));
        groups.put(g.folder(), added);
        imported.add("group " + added.name() + ": " + added.jid() + " → groups/" + folder + " (" + (added.trigger().required()
                ? "answers messages starting with " + added.trigger().word() : "answers every message") + ")");
        files(g, folder);
        if (GroupFiles.addMemory(nc.groupDir(g.folder()).resolve("CLAUDE.md"), config.layout().groupDir(folder).resolve("CLAUDE.md"))) {
            imported.add("  its memory (CLAUDE.md) added to groups/" + folder + "/CLAUDE.md");
        }
    }

    private void files(NanoClawInstall.Group g, String folder) throws IOException {
        GroupFiles.Copied c = GroupFiles.copy(nc.groupDir(g.folder()), config.layout().groupDir(folder));
        if (c.files() > 0) {
            imported.add("  " + c.files() + (c.files() == 1 ? " file" : " files") + " of groups/" + g.folder() + " copied to groups/" + folder);
        }
        if (c.kept() > 0) {
            notCarried.add(c.kept() + " files of groups/" + g.folder() + " were not copied: groups/" + folder + " already has them");
        }
        if (c.skipped() > 0) {
            notCarried.add(c.skipped() + " symbolic links or special files in groups/" + g.folder() + " were left out");
        }
        if (g.isMain() && GroupFiles.addMemory(nc.groupDir(g.folder()).resolve("CLAUDE.md"),
                config.layout().groupDir(folder).resolve("CLAUDE.md"))) {
            imported.add("main memory (groups/" + g.folder() + "/CLAUDE.md) added to groups/main/CLAUDE.md");
        }
    }

    /** A folder name Pincer allows, not used by another group. */
    private static String folderFor(String ncFolder, GroupRegistry registry) {
        String base = ncFolder.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "-").replaceAll("^[^a-z0-9]+", "");
        base = base.isEmpty() ? "group" : base.length() > 60 ? base.substring(0, 60) : base;
        String folder = base;
        for (int n = 2; !GroupFolder.isValid(folder) || folder.equals("global") || registry.byFolder(folder).isPresent(); n++) {
            folder = base + "-" + n;
        }
        return folder;
    }

    /** The group's extra mounts as Pincer's group config; the rest of its container config is reported. */
    private String groupConfig(NanoClawInstall.Group g) {
        if (g.containerConfig() == null) {
            return "{}";
        }
        try {
            JsonNode cc = Json.MAPPER.readTree(g.containerConfig());
            ObjectNode out = Json.MAPPER.createObjectNode();
            cc.properties().forEach(e -> {
                if (e.getKey().equals("additionalMounts")) {
                    out.set("additionalMounts", e.getValue());
                } else {
                    notCarried.add("group " + g.name() + ": containerConfig." + e.getKey() + " has no per-group setting in Pincer"
                            + (e.getKey().equals("timeout") ? " (PINCER_AGENT_TIMEOUT sets it for all groups)" : ""));
                }
            });
            return GroupConfig.of(out).toJson();
        } catch (IOException | IllegalArgumentException e) {
            notCarried.add("group " + g.name() + ": its containerConfig was not carried over (" + e.getMessage() + ")");
            return "{}";
        }
    }

    private void tasks(TaskService service) {
        int finished = 0;
        for (NanoClawInstall.Task t : nc.tasks()) {
            if (!t.status().equals(Task.ACTIVE) && !t.status().equals(Task.PAUSED)) {
                finished++;
                continue;
            }
            Group g = groups.get(t.folder());
            String what = "task " + t.id() + " (\"" + shorten(t.spec().prompt()) + "\")";
            if (g == null) {
                notCarried.add(what + ": its group " + t.folder() + " was not imported");
                continue;
            }
            String mode = t.spec().contextMode() != null && Task.CONTEXT_MODES.contains(t.spec().contextMode())
                    ? t.spec().contextMode() : Task.CONTEXT_ISOLATED; // NanoClaw's own default
            boolean twice = service.list(Optional.of(g.folder())).stream().anyMatch(x -> x.spec().prompt().equals(t.spec().prompt())
                    && x.spec().scheduleType().equals(t.spec().scheduleType()) && x.spec().scheduleValue().equals(t.spec().scheduleValue()));
            if (twice) {
                notCarried.add(what + ": group " + g.folder() + " already has this task (imported before?)");
                continue;
            }
            try {
                // the answer goes to the group's chat, as NanoClaw's did (main's: to Pincer's main chat)
                Task added = service.schedule(g.folder(), g.jid(), t.spec().prompt(), t.spec().scheduleType(), t.spec().scheduleValue(), mode);
                boolean pause = t.status().equals(Task.PAUSED) || t.script() != null;
                if (pause) {
                    service.pause(added.id());
                }
                imported.add(what + " → " + added.id() + " of group " + g.folder() + ", " + t.spec().scheduleType() + " "
                        + t.spec().scheduleValue() + (pause ? ", paused" : ""));
                if (t.script() != null) {
                    notCarried.add(what + ": its pre-task script is not run by Pincer; the task is paused (./pincer tasks resume "
                            + added.id() + " runs it without the script)");
                }
            } catch (IllegalArgumentException e) {
                notCarried.add(what + ": " + e.getMessage());
            }
        }
        if (finished > 0) {
            notCarried.add(finished + (finished == 1 ? " finished task (completed or cancelled) was" : " finished tasks (completed or cancelled) were")
                    + " not carried over");
        }
    }

    /** NanoClaw's allowlist has Pincer's format; it is copied where Pincer reads it, unless one is there. */
    private void allowlist(Path from) throws IOException {
        if (!Files.isRegularFile(from)) {
            return;
        }
        Path to = config.sandbox().storage().mountAllowlist();
        String text = Files.readString(from);
        Json.MAPPER.readTree(text); // refuse what is not JSON before it lands where Pincer reads it
        if (Files.exists(to, LinkOption.NOFOLLOW_LINKS)) {
            notCarried.add("mount allowlist " + from + ": " + to + " exists; it was left as it is (merge the two by hand)");
            return;
        }
        Files.createDirectories(to.toAbsolutePath().getParent());
        Files.writeString(to, text);
        imported.add("mount allowlist: " + from + " → " + to);
    }

    private void leftBehind(Path allowlist) {
        if (nc.messages() > 0) {
            notCarried.add(nc.messages() + " messages of chat history stay in NanoClaw's store (Pincer starts each chat afresh;"
                    + " the memory files carry what the assistant kept)");
        }
        notCarried.add("sessions: NanoClaw's conversations cannot be resumed by Pincer's agent; each group starts a new session");
        Path senders = allowlist.resolveSibling("sender-allowlist.json");
        if (Files.isRegularFile(senders)) {
            notCarried.add("sender allowlist " + senders + ": not carried over; a group's config \"senders\" lists who may"
                    + " trigger it, and unknown people who write directly are paired (./pincer pair)");
        }
        notCarried.add("NanoClaw's .env (API keys, tokens) was not read: add the key with ./pincer setup");
    }

    private static String shorten(String s) {
        String line = s.replaceAll("\\s+", " ").strip();
        return line.length() <= 40 ? line : line.substring(0, 39) + "…";
    }
}
