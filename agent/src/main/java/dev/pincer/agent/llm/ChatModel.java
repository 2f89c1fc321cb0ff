package dev.pincer.agent.llm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.util.List;

/**
 * A model as a run calls it: the client that reaches it, the model's name and the output limit of
 * each answer. The agent loop and the compactor ask the same model.
 */
public record ChatModel(ModelClient client, String name, int maxTokens) {

    /** One request: {@code system} and {@code tools} may be null (none). */
    public ModelTurn send(String system, ArrayNode tools, List<ChatMessage> messages)
            throws ApiException, IOException, InterruptedException {
        return send(system, tools, messages, DraftListener.NONE);
    }

    /** One request whose answer's text is told to {@code drafts} while it streams in. */
    public ModelTurn send(String system, ArrayNode tools, List<ChatMessage> messages, DraftListener drafts)
            throws ApiException, IOException, InterruptedException {
        return client.send(new MessagesRequest(name, maxTokens, system, tools, messages), drafts);
    }
}
