package org.stacklab.lesson;

import java.util.Locale;

/**
 * A question's computed answer: a number (with its unit) or, for a choice, the right choice.
 *
 * @param value the number, or the index of the right choice
 * @param text  how it is shown: "3", "99.3 µs", or the choice
 */
public record Answer(double value, String text) {

    static Answer number(double value, String unit) {
        String shown = value == Math.rint(value) && Math.abs(value) < 1e12 ? String.format(Locale.ROOT, "%d", (long) value)
                : String.format(Locale.ROOT, "%.2f", value);
        return new Answer(value, unit.isEmpty() ? shown : shown + " " + unit);
    }

    static Answer choice(String text) {
        return new Answer(0, text);
    }
}
