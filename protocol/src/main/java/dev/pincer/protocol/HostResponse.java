package dev.pincer.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;

/** The host's one answer to a {@link HostRequest}, written to {@code responses/<id>.json}. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = HostResponse.Ok.class, name = "ok"),
    @JsonSubTypes.Type(value = HostResponse.Error.class, name = "error")
})
public sealed interface HostResponse {

    /** The request this answers. */
    String id();

    /** The call was carried out; {@code data} is the tool's result for the model. */
    record Ok(String id, JsonNode data) implements HostResponse {}

    /** The call was refused or failed; {@code reason} is shown to the model as the tool's error. */
    record Error(String id, String reason) implements HostResponse {}
}
