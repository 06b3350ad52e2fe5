package org.stacklab.lesson;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.stacklab.sim.io.InvalidValue;
import org.stacklab.sim.scenario.Reference;
import org.stacklab.sim.stack.Stage;

/**
 * One step of a lesson: narration, the scenario and modes to show, directives for the lab, and an
 * optional question.
 *
 * @param title     a few words
 * @param narration what the teacher says, Markdown
 * @param scenario  a built-in scenario or a scenario file (relative to the lesson's folder), where it is written
 * @param modes     the modes of the lab's two panes (left, right), or one for both, where they are written
 * @param requests  requests to simulate for the step's figures (fewer than the scenario's keeps a class waiting less)
 * @param recording a live recording (relative to the lessons folder) whose measured modes the panes replay
 *                  after the step's simulation, so that a laptop without root shows what a lab VM measured
 * @param highlight a stage the lab should point at, or null
 * @param pauseAt   the lab steps to this visit and pauses there, or 0
 * @param question  a prediction to make before the reveal, or null
 * @param live      whether the step invites a live measurement on a lab VM
 */
public record LessonStep(String title, String narration, Reference scenario, List<Reference> modes, long requests,
                         Stage highlight, int pauseAt, Question question, boolean live, String recording) {

    /** A step's figures are computed while a class waits: a million requests is already a long pause. */
    public static final long MAX_REQUESTS = 1_000_000;

    @JsonCreator
    public LessonStep(@JsonProperty(value = "title", required = true) String title,
                      @JsonProperty(value = "narration", required = true) String narration,
                      @JsonProperty("scenario") Reference scenario,
                      @JsonProperty(value = "modes", required = true) List<Reference> modes,
                      @JsonProperty("requests") Long requests,
                      @JsonProperty("highlight") Stage highlight,
                      @JsonProperty("pauseAt") Integer pauseAt,
                      @JsonProperty("question") Question question,
                      @JsonProperty("live") Boolean live,
                      @JsonProperty("recording") String recording) {
        this(title, narration, scenario == null ? Reference.of("default") : scenario, List.copyOf(modes),
                requests == null ? 5000 : requests, highlight, pauseAt == null ? 0 : pauseAt, question,
                live != null && live, recording);
    }

    /** The modes' names. */
    public List<String> modeNames() {
        return modes.stream().map(Reference::name).toList();
    }

    public LessonStep {
        InvalidValue.require(!modes.isEmpty() && modes.size() <= 2, "modes",
                "a step shows one or two modes, not " + modes.size());
        InvalidValue.require(requests >= 1 && requests <= MAX_REQUESTS, "requests",
                "requests must be from 1 to " + MAX_REQUESTS + ", not " + requests);
        InvalidValue.require(pauseAt >= 0, "pauseAt", "pauseAt must be >= 0, not " + pauseAt);
    }
}
