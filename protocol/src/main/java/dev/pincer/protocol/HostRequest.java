package dev.pincer.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Pattern;

/**
 * A tool call the agent hands to the host: one file in {@code requests/} named {@code <id>.json}.
 * The file name is the key: {@code id} must equal it, and the host answers with exactly one
 * {@link HostResponse} in {@code responses/<id>.json}. Nothing in a request names the caller: the
 * host knows it from the folder the file appeared in.
 *
 * @param id   the request's id, {@code <epoch-nanos>-<hex>} (an IPC file name without {@code .json})
 * @param tool a {@link HostTool} wire name
 * @param args the tool's input object, as the model wrote it
 */
public record HostRequest(String id, String tool, JsonNode args) {

    /** What an id looks like: an IPC file name without its {@code .json}. */
    public static final Pattern ID = Pattern.compile("[0-9]{1,20}-[0-9a-f]{8,32}");

    /** The id a request file stands for, or null if the name is not an IPC file name. */
    public static String idOf(String fileName) {
        return IpcFiles.isIpcName(fileName) ? fileName.substring(0, fileName.length() - ".json".length()) : null;
    }

    /** The file name of the request or the response with this id. */
    public static String fileName(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("not a request id: " + id);
        }
        return id + ".json";
    }

    /** A fresh id, unique and ordered like IPC file names. */
    public static String newId() {
        String name = IpcFiles.newName();
        return name.substring(0, name.length() - ".json".length());
    }
}
