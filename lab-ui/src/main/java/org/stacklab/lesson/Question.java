package org.stacklab.lesson;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.stacklab.sim.io.InvalidValue;

/**
 * A prediction the class makes before the step runs. Its correct answer is never written in the
 * file: it is computed by running the step's scenario ({@link Measure}).
 *
 * @param text      the question
 * @param measure   what is computed to answer it
 * @param tolerance how far a numeric answer may be from the computed one, as a fraction (0.1 = 10 %)
 * @param choices   for a multiple-choice question, the choices (mode names); empty for a numeric one
 * @param explain   shown after the answer, in Markdown
 */
public record Question(String text, Measure measure, double tolerance, List<String> choices, String explain) {

    @JsonCreator
    public Question(@JsonProperty(value = "text", required = true) String text,
                    @JsonProperty(value = "measure", required = true) Measure measure,
                    @JsonProperty("tolerance") Double tolerance,
                    @JsonProperty("choices") List<String> choices,
                    @JsonProperty("explain") String explain) {
        this(text, measure, tolerance == null ? 0.1 : tolerance, choices == null ? List.of() : List.copyOf(choices),
                explain == null ? "" : explain);
    }

    public Question {
        InvalidValue.require(tolerance >= 0 && tolerance <= 1, "tolerance",
                "tolerance is a fraction between 0 and 1, not " + tolerance);
        InvalidValue.require(measure.isChoice() == !choices.isEmpty(), "choices", measure.isChoice()
                ? "a '" + measure.metric().key() + "' question needs choices" : "only a choice question has choices");
    }

    public boolean isChoice() {
        return !choices.isEmpty();
    }

    /** Whether {@code given} answers the question, against the computed answer. */
    public boolean accepts(String given, Answer computed) {
        if (isChoice()) {
            return given.strip().equalsIgnoreCase(computed.text());
        }
        try {
            double value = Double.parseDouble(given.strip());
            double truth = computed.value();
            return Math.abs(value - truth) <= Math.max(tolerance * Math.abs(truth), 1e-9);
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
