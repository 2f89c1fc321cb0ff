package dev.pincer.agent.llm;

import java.io.IOException;

/** A model provider: one request in, one complete assistant turn out (retries included). */
public interface ModelClient {

    /**
     * @throws ApiException when the provider refused the call or kept failing after retries
     */
    ModelTurn send(MessagesRequest request) throws ApiException, IOException, InterruptedException;
}
