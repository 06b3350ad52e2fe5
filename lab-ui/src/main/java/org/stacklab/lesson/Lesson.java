package org.stacklab.lesson;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.stacklab.sim.io.InvalidValue;

/**
 * A classroom lesson, as written in {@code lessons/NAME/lesson.yaml}.
 *
 * @param title    the lesson's title
 * @param audience who it is for
 * @param duration how long it takes, in minutes
 * @param goals    what the class should know afterwards
 * @param sources  where its figures come from
 * @param steps    the steps, in order
 */
public record Lesson(String title, String audience, int duration, List<String> goals, List<String> sources,
                     List<LessonStep> steps) {

    @JsonCreator
    public Lesson(@JsonProperty(value = "title", required = true) String title,
                  @JsonProperty(value = "audience", required = true) String audience,
                  @JsonProperty(value = "duration", required = true) int duration,
                  @JsonProperty(value = "goals", required = true) List<String> goals,
                  @JsonProperty("sources") List<String> sources,
                  @JsonProperty(value = "steps", required = true) List<LessonStep> steps) {
        this.title = title;
        this.audience = audience;
        this.duration = duration;
        this.goals = List.copyOf(goals);
        this.sources = sources == null ? List.of() : List.copyOf(sources);
        this.steps = List.copyOf(steps);
        InvalidValue.require(duration >= 1 && duration <= 600, "duration",
                "duration is the lesson's minutes, from 1 to 600, not " + duration);
        InvalidValue.require(!this.goals.isEmpty(), "goals", "a lesson needs at least one goal");
        InvalidValue.require(!this.steps.isEmpty(), "steps", "a lesson needs at least one step");
    }
}
