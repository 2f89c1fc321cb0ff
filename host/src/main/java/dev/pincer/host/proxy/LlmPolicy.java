package dev.pincer.host.proxy;

import java.util.Collection;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the key may be used for from one sandbox (docs/DESIGN.md section 6): only the provider's
 * inference endpoints ({@link LlmEndpoint}), only with the models this group's agent is configured
 * to call.
 *
 * @param api                the provider's API family
 * @param models             the models a request may name: {@code PINCER_MODEL}, the group's {@code model},
 *                           {@code PINCER_FAST_MODEL} (the agent's WebFetch)
 * @param transcriptionModel the model of {@code /audio/transcriptions}, or null: transcription is not
 *                           configured (the default) and that endpoint is refused like any other
 */
public record LlmPolicy(LlmApi api, Set<String> models, String transcriptionModel) {

    public LlmPolicy {
        Objects.requireNonNull(api, "api");
        models = Set.copyOf(new TreeSet<>(models));
        if (models.isEmpty() || models.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("the LLM route needs at least one model name, and no blank one");
        }
    }

    /** Inference with {@code models}, no transcription. */
    public static LlmPolicy of(LlmApi api, Collection<String> models) {
        return new LlmPolicy(api, Set.copyOf(models), null);
    }

    /** This policy with the transcription endpoint open for {@code model}. */
    public LlmPolicy withTranscription(String model) {
        return new LlmPolicy(api, models, Objects.requireNonNull(model, "model"));
    }

    /** The endpoint {@code method relativePath} addresses; 403 unless it is an allowed inference endpoint. */
    LlmEndpoint endpoint(String method, String relativePath) throws ProxyRefusal {
        LlmEndpoint e = LlmEndpoint.of(api, relativePath).orElse(null);
        if (!method.equals("POST") || e == null || e == LlmEndpoint.TRANSCRIPTIONS && transcriptionModel == null) {
            throw new ProxyRefusal(403, method + " " + relativePath + " is not forwarded: the LLM route serves only"
                    + " the provider's inference endpoints (" + allowed() + ")");
        }
        return e;
    }

    /** 403 unless {@code model} may be called on {@code e}. */
    void checkModel(LlmEndpoint e, String model) throws ProxyRefusal {
        Set<String> ok = e == LlmEndpoint.TRANSCRIPTIONS ? Set.of(transcriptionModel) : models;
        if (!ok.contains(model)) {
            String shown = model.matches("[A-Za-z0-9._:/@+-]{1,200}") ? "'" + model + "'" : "(with unusual characters)";
            throw new ProxyRefusal(403, "model " + shown + " is not allowed here; this group may call "
                    + String.join(", ", new TreeSet<>(ok)));
        }
    }

    private String allowed() {
        StringBuilder sb = new StringBuilder();
        for (LlmEndpoint e : LlmEndpoint.values()) {
            if (e.api() == api && (e != LlmEndpoint.TRANSCRIPTIONS || transcriptionModel != null)) {
                sb.append(sb.isEmpty() ? "POST " : ", ").append(e.path());
            }
        }
        return sb.toString();
    }
}
