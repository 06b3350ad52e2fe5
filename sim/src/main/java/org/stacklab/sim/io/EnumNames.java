package org.stacklab.sim.io;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How the lab's files spell enum constants: lower case, words joined by '-' ({@code CLOSED_LOOP}
 * is {@code closed-loop}), read without regard to case.
 */
public final class EnumNames {

    private EnumNames() {
    }

    /** The file spelling of a constant. */
    public static String of(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The constant a file names.
     *
     * @throws IllegalArgumentException naming the text and every accepted spelling
     */
    public static <E extends Enum<E>> E parse(Class<E> type, String text, String what) {
        for (E constant : type.getEnumConstants()) {
            if (of(constant).equalsIgnoreCase(text) || constant.name().equalsIgnoreCase(text)) {
                return constant;
            }
        }
        throw new IllegalArgumentException("unknown " + what + " '" + text + "' (expected "
                + Arrays.stream(type.getEnumConstants()).map(EnumNames::of).collect(Collectors.joining(" or ")) + ")");
    }
}
