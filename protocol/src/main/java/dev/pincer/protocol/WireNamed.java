package dev.pincer.protocol;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * An enum whose constants are written as their name in lower case ({@code SEND_MESSAGE} is
 * {@code send_message}): in host requests, tool results and stored rows. The constant's name
 * is therefore part of the contract: renaming one changes what is written, so tests pin the names.
 */
public interface WireNamed {

    /** The constant's name; every enum has it ({@link Enum#name()}). */
    String name();

    /** The name as written, e.g. {@code send_message}. */
    default String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The constant of {@code type} written as {@code wireName}; empty for none (the caller says what that means). */
    static <E extends Enum<E> & WireNamed> Optional<E> byWireName(Class<E> type, String wireName) {
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.wireName().equals(wireName)).findFirst();
    }
}
