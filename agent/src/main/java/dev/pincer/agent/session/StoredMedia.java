package dev.pincer.agent.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pincer.agent.llm.ChatMessage;
import dev.pincer.agent.llm.ContentBlock;
import dev.pincer.agent.media.PromptFiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * How images and documents are kept in a transcript line: by the file they were read from, without
 * their data ({@code {"type":"image","file":{"path":..,"name":..}}}), so a session's file does not
 * grow by every photo it was sent. Loading reads the file again through {@link PromptFiles}, with the
 * same checks and caps; a file that is gone by then (or no longer readable) becomes a text note in
 * its place, and the conversation goes on without it. A media block from no file keeps its data.
 */
final class StoredMedia {
    private static final String FILE = "file";

    private StoredMedia() {}

    /** The line for {@code message}: its wire JSON with each file-backed media block replaced by its reference. */
    static String line(ChatMessage message, ObjectMapper mapper) throws IOException {
        ObjectNode tree = mapper.valueToTree(message);
        ArrayNode content = (ArrayNode) tree.get("content");
        for (int i = 0; i < message.content().size(); i++) {
            ObjectNode stored = switch (message.content().get(i)) {
                case ContentBlock.Image img when img.file() != null -> reference("image", img.file(), mapper);
                case ContentBlock.Document doc when doc.file() != null -> reference("document", doc.file(), mapper);
                default -> null;
            };
            if (stored != null) {
                content.set(i, stored);
            }
        }
        return mapper.writeValueAsString(tree);
    }

    /** The message of a line, its referenced files read again. */
    static ChatMessage message(String line, ObjectMapper mapper, PromptFiles files) throws IOException {
        JsonNode tree = mapper.readTree(line);
        boolean refers = false;
        for (JsonNode block : tree.path("content")) {
            refers |= block.has(FILE);
        }
        if (!refers) {
            return mapper.treeToValue(tree, ChatMessage.class);
        }
        List<ContentBlock> blocks = new ArrayList<>();
        for (JsonNode block : tree.path("content")) {
            blocks.add(block(block, mapper, files));
        }
        return new ChatMessage(tree.path("role").asText(), blocks);
    }

    private static ContentBlock block(JsonNode node, ObjectMapper mapper, PromptFiles files) throws IOException {
        String type = node.path("type").asText();
        if (!node.has(FILE)) {
            return mapper.treeToValue(node, ContentBlock.class);
        }
        ContentBlock.FileRef file = mapper.treeToValue(node.get(FILE), ContentBlock.FileRef.class);
        return switch (type) {
            case "image" -> files.image(file);
            case "document" -> files.document(file);
            default -> throw new IOException("a block of type '" + type + "' cannot refer to a file");
        };
    }

    private static ObjectNode reference(String type, ContentBlock.FileRef file, ObjectMapper mapper) {
        ObjectNode node = mapper.createObjectNode().put("type", type);
        node.set(FILE, mapper.valueToTree(file));
        return node;
    }
}
