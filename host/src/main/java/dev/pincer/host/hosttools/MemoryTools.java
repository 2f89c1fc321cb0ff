package dev.pincer.host.hosttools;

import static dev.pincer.host.hosttools.Authorization.Target;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pincer.host.config.GroupFolder;
import dev.pincer.host.groups.GroupRegistry;
import dev.pincer.host.memory.Hit;
import dev.pincer.host.memory.MemorySearch;
import dev.pincer.host.memory.Results;
import dev.pincer.host.memory.Scope;
import dev.pincer.host.memory.SearchQuery;
import dev.pincer.host.store.Group;
import dev.pincer.protocol.HostTool;
import dev.pincer.protocol.Json;
import dev.pincer.protocol.SandboxPaths;

/**
 * {@code memory_search {query, limit?, group?}}: searches the caller's own memory (its folder's
 * conversations, memory files and notes, and its chat's messages). Only main may name another
 * group's folder, or {@value #EVERY_GROUP} for all of them. Paths in the answer are where the
 * caller's sandbox sees the file: {@code /workspace/group/...} for its own, {@code
 * /workspace/project/groups/<folder>/...} (main's read-only view) for another group's.
 */
public record MemoryTools(MemorySearch search, GroupRegistry groups) {
    /** The {@code group} that means every group (no folder can be named so). */
    public static final String EVERY_GROUP = "*";

    Outcome search(Group caller, Args args) {
        String wanted = args.optional("group", 64);
        wanted = wanted == null || wanted.isBlank() ? caller.folder() : wanted.strip();
        Group group = wanted.equals(caller.folder()) ? caller
                : GroupFolder.isValid(wanted) ? groups.byFolder(wanted).orElse(null) : null;
        boolean every = wanted.equals(EVERY_GROUP);
        Target target = group == caller ? Target.OWN : group != null || every ? Target.OTHER_GROUP : Target.NONEXISTENT;
        var verdict = Authorization.decide(HostTools.callerOf(caller), HostTool.MEMORY_SEARCH, target);
        if (!(verdict instanceof Authorization.Verdict.Allow)) {
            return Outcome.of(verdict, "group '" + wanted + "'", "no group uses folder '" + wanted + "'; list_groups shows them");
        }
        String query = args.required("query", SearchQuery.MAX_LENGTH);
        int limit = args.integer("limit", 1, MemorySearch.MAX_LIMIT, MemorySearch.DEFAULT_LIMIT);
        Scope scope = every ? new Scope.Everything() : new Scope.Group(group.folder(), group.jid());
        Results results = search.search(scope, query, limit);
        ObjectNode data = Json.MAPPER.createObjectNode().put("ranker", results.ranker()).put("match", results.match().wireName());
        ArrayNode list = data.putArray("results");
        results.hits().forEach(h -> list.add(view(h, caller)));
        if (results.hits().isEmpty()) {
            data.put("note", "nothing found; try other words, fewer words, or a prefix like 'garden*'");
        }
        return new Outcome.Done(data, results.hits().size() + " results in " + (every ? "every group" : group.folder())
                + " (" + results.match().wireName() + " words)");
    }

    private static ObjectNode view(Hit h, Group caller) {
        ObjectNode n = Json.MAPPER.createObjectNode().put("source", h.origin().source().wireName());
        switch (h.origin()) {
            case Hit.File f -> {
                n.put("group", f.folder()).put("path", (f.folder().equals(caller.folder()) ? SandboxPaths.GROUP
                        : SandboxPaths.PROJECT + "/groups/" + f.folder()) + "/" + f.path()).put("line", f.line());
                if (f.date() != null) {
                    n.put("date", f.date());
                }
            }
            case Hit.Message m -> n.put("chat", m.chat()).put("seq", m.seq()).put("time", m.time().toString())
                    .put("sender", m.sender());
        }
        return n.put("snippet", h.snippet()).put("score", h.score());
    }
}
