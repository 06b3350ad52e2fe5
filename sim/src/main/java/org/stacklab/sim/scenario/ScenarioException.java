package org.stacklab.sim.scenario;

/**
 * A scenario, mode or profile file that cannot be used, with where the fault is: the user's
 * error, reported in one line and never as a stack trace.
 */
public final class ScenarioException extends Exception {

    private final String file;
    private final int line;
    private final int column;
    private final String field;
    private final String problem;

    /**
     * @param file    the file at fault
     * @param line    1-based line, or 0 if not known
     * @param column  1-based column, or 0 if not known
     * @param field   dotted path of the field at fault, or empty
     * @param problem what is wrong, in plain words
     */
    public ScenarioException(String file, int line, int column, String field, String problem) {
        super(format(file, line, column, field, problem));
        this.file = file;
        this.line = line;
        this.column = column;
        this.field = field;
        this.problem = problem;
    }

    private static String format(String file, int line, int column, String field, String problem) {
        StringBuilder text = new StringBuilder(file);
        if (line > 0) {
            text.append(':').append(line);
            if (column > 0) {
                text.append(':').append(column);
            }
        }
        text.append(": ");
        if (!field.isEmpty()) {
            text.append("field '").append(field).append("': ");
        }
        return text.append(problem).toString();
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    public String field() {
        return field;
    }

    public String problem() {
        return problem;
    }
}
