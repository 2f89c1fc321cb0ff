package dev.pincer.host.groups;

import dev.pincer.host.channel.ChatId;
import dev.pincer.host.config.GroupFolder;
import dev.pincer.host.config.Layout;
import dev.pincer.host.store.Group;
import dev.pincer.host.store.GroupStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * Registering and removing groups: the row in the store plus the group's folder with a default
 * {@code CLAUDE.md}. The first start registers {@code web:main} as the main group.
 */
public final class GroupRegistry {

    public static final String MAIN_JID = "web:main";
    public static final String MAIN_FOLDER = "main";

    private final GroupStore store;
    private final Layout layout;
    private final String assistantName;
    private final List<BiConsumer<String, Group>> listeners = new CopyOnWriteArrayList<>();

    public GroupRegistry(GroupStore store, Layout layout, String assistantName) {
        this.store = store;
        this.layout = layout;
        this.assistantName = assistantName;
    }

    /**
     * {@code listener} hears each group registered ({@code "registered"}) or removed ({@code "removed"}),
     * after the change, however it was made (the API, the main group's tool, a pairing).
     */
    public void onChange(BiConsumer<String, Group> listener) {
        listeners.add(listener);
    }

    /** Creates the global memory and the main group if they do not exist yet. */
    public void ensureDefaults() {
        writeIfMissing(layout.globalDir(), "global-CLAUDE.md");
        if (store.main().isEmpty()) {
            register(new Group(MAIN_FOLDER, MAIN_JID, "Main", new Group.Trigger(defaultTrigger(), false), true, "{}"));
        } else {
            writeIfMissing(layout.groupDir(store.main().get().folder()), "main-CLAUDE.md");
        }
    }

    /**
     * A group a chat app or the main group's agent asks to register.
     *
     * @param name    blank: the folder's name
     * @param trigger blank: {@code @} and the assistant's name
     * @param config  the group's settings as JSON object text ({@link GroupConfig})
     */
    public record NewGroup(String chat, String folder, String name, String trigger, boolean requiresTrigger,
                           String config) {}

    /**
     * Registers a group that is not the main group: checks the chat id ({@link ChatId#check}) and
     * fills in the defaults. Throws IllegalArgumentException or {@link GroupStore.Conflict}.
     */
    public Group register(NewGroup g) {
        String chat = ChatId.check(g.chat());
        String name = g.name() == null || g.name().isBlank() ? g.folder() : g.name().strip();
        String trigger = g.trigger() == null || g.trigger().isBlank() ? defaultTrigger() : g.trigger().strip();
        return register(new Group(g.folder(), chat, name, new Group.Trigger(trigger, g.requiresTrigger()), false,
                g.config()));
    }

    private String defaultTrigger() {
        return "@" + assistantName;
    }

    /** Registers a group and prepares its folder. Throws IllegalArgumentException or {@link GroupStore.Conflict}. */
    public Group register(Group g) {
        GroupFolder.checkAssignable(g.folder());
        store.register(g);
        try {
            writeIfMissing(layout.groupDir(g.folder()), g.isMain() ? "main-CLAUDE.md" : "group-CLAUDE.md");
        } catch (RuntimeException e) {
            store.forget(g.folder()); // nothing half-way: no row without its folder
            throw e;
        }
        listeners.forEach(l -> l.accept("registered", g));
        return g;
    }

    /**
     * Makes {@code chat} the main group's chat (e.g. the owner's WhatsApp chat with themselves) and
     * returns the main group as it is now; {@link #MAIN_JID} moves it back to the web chat.
     */
    public Group moveMain(String chat) {
        store.moveMain(ChatId.check(chat));
        return store.main().orElseThrow(() -> new IllegalStateException("there is no main group yet: start Pincer once"));
    }

    public boolean remove(String folder) {
        GroupFolder.check(folder);
        Optional<Group> g = store.byFolder(folder);
        boolean removed = store.remove(folder);
        if (removed && g.isPresent()) {
            listeners.forEach(l -> l.accept("removed", g.get()));
        }
        return removed;
    }

    public List<Group> all() {
        return store.all();
    }

    public Optional<Group> byFolder(String folder) {
        return store.byFolder(folder);
    }

    public Optional<Group> byJid(String jid) {
        return store.byJid(jid);
    }

    /**
     * Writes the default memory into {@code dir} unless something (even a dangling symlink) is
     * already there. Sandboxes can write the group folders, so a name there may be a link they
     * planted: the folder must not be a symlink and the file is created with {@code O_CREAT|O_EXCL},
     * which never follows a link.
     */
    private void writeIfMissing(Path dir, String template) {
        try {
            if (Files.isSymbolicLink(dir)) {
                throw new IOException(dir + " is a symlink; Pincer does not write through links."
                        + " Replace it with a real directory");
            }
            Files.createDirectories(dir);
            Path memory = dir.resolve("CLAUDE.md");
            if (Files.exists(memory, LinkOption.NOFOLLOW_LINKS)) {
                return;
            }
            try (InputStream in = GroupRegistry.class.getResourceAsStream(template)) {
                if (in == null) {
                    throw new IllegalStateException("missing built-in template " + template);
                }
                String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                        .replace("{{ASSISTANT}}", assistantName);
                Files.writeString(memory, text, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                        LinkOption.NOFOLLOW_LINKS);
            } catch (FileAlreadyExistsException e) {
                // appeared meanwhile (perhaps a link a live sandbox just planted): leave it alone
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + dir + ": " + e.getMessage(), e);
        }
    }
}
