package org.stacklab.sim.io;

/**
 * A value a file gave that a record refuses, naming the field at fault relative to that record
 * ({@code requests}, {@code processes[2].namespace}), so that the file reader can point at the
 * value's own line and column rather than at the end of the object that holds it.
 */
public final class InvalidValue extends IllegalArgumentException {

    private final String field;

    public InvalidValue(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The field at fault, relative to the record that refused it; dotted, with [i] for list items. */
    public String field() {
        return field;
    }

    /** Throws an {@link InvalidValue} for {@code field} unless the condition holds. */
    public static void require(boolean condition, String field, String message) {
        if (!condition) {
            throw new InvalidValue(field, message);
        }
    }

    /** Throws unless the value is a finite number within the bounds (inclusive). */
    public static void requireWithin(double value, double min, double max, String field) {
        require(Double.isFinite(value) && value >= min && value <= max, field,
                field + " must be a number from " + plain(min) + " to " + plain(max) + ", not " + plain(value));
    }

    private static String plain(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }
}
