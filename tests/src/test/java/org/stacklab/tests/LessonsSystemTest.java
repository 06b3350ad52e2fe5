package org.stacklab.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.stacklab.cli.StackLab;
import org.stacklab.lesson.Answer;
import org.stacklab.lesson.Lesson;
import org.stacklab.lesson.LessonStep;
import org.stacklab.lesson.Lessons;

/** Every lesson of lessons/ runs end to end, headless: each step loads, each answer is computed and checks. */
class LessonsSystemTest {

    private static final Path FOLDER = Path.of(System.getProperty("stacklab.root", "..")).resolve("lessons");

    static List<String> lessons() throws Exception {
        List<String> names = new Lessons(FOLDER).names();
        assertEquals(8, names.size(), "the six lessons of the lab issue, the sidecarless one and when redirect helps");
        return names;
    }

    private record Result(int code, String out, String err) {
    }

    private static Result stacklab(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = StackLab.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    @ParameterizedTest
    @MethodSource("lessons")
    void everyStepLoadsAndEveryAnswerIsComputedAndAccepted(String name) throws Exception {
        Lessons lessons = new Lessons(FOLDER);
        Lesson lesson = lessons.read(name);
        List<String> right = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < lesson.steps().size(); i++) {
            LessonStep step = lesson.steps().get(i);
            assertFalse(lessons.scenario(name, step, i).modes().isEmpty(), "step " + i + " loads");
            if (step.question() != null) {
                Answer answer = lessons.answer(name, step, i);
                assertEquals(answer, new Lessons(FOLDER).answer(name, step, i), "the same answer when computed again");
                String given = step.question().isChoice() ? answer.text() : Double.toString(answer.value());
                assertTrue(step.question().accepts(given, answer), "the computed answer is within its own tolerance");
                right.add(given);
                wrong.add(step.question().isChoice()
                        ? step.question().choices().stream().filter(c -> !c.equals(answer.text())).findFirst().orElseThrow()
                        : Double.toString(answer.value() * 2 + 1));
            }
        }
        Result allRight = stacklab("lesson", "run", name, "--lessons", FOLDER.toString(), "--answers",
                String.join(",", right));
        assertEquals(0, allRight.code(), allRight.err());
        assertTrue(allRight.out().contains("Done: " + right.size() + " of " + right.size() + " predictions right."),
                allRight.out());
        if (!wrong.isEmpty()) {
            Result allWrong = stacklab("lesson", "run", name, "--lessons", FOLDER.toString(), "--answers",
                    String.join(",", wrong));
            assertTrue(allWrong.out().contains("Done: 0 of " + wrong.size()), allWrong.out());
        }
    }

    @Test
    void lessonCheckPassesOnTheShippedLessons() throws Exception {
        Result r = stacklab("lesson", "check", "--lessons", FOLDER.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(lessons().size(), r.out().lines().filter(l -> l.startsWith("ok")).count(), r.out());
    }

    @Test
    void anUnknownModeInALessonIsReportedAtItsLine(@TempDir Path dir) throws Exception {
        Path lesson = writeLesson(dir, "typo", """
                title: Typo
                audience: tests
                duration: 5
                goals: [see the error]
                steps:
                  - title: one
                    narration: a step
                    modes: [direct, sidcar]
                """);
        Result r = stacklab("lesson", "check", "--lessons", dir.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("stacklab: " + lesson + ":8:21: field 'steps[0].modes[1]': unknown mode 'sidcar'"),
                r.err());
    }

    @Test
    void aBrokenLessonIsReportedWithFileLineAndField(@TempDir Path dir) throws Exception {
        Path lesson = writeLesson(dir, "broken", """
                title: Broken
                audience: tests
                duration: 5
                goals: [see the error]
                steps:
                  - title: one
                    narration: a step
                    modes: [direct]
                    question:
                      text: what?
                      measure: {metric: latency, mode: direct}
                """);
        Result r = stacklab("lesson", "check", "--lessons", dir.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("stacklab: " + lesson + ":"), r.err());
        assertTrue(r.err().contains("unknown metric 'latency'"), r.err());
        assertTrue(r.err().contains("steps[0].question.measure"), r.err());
    }

    private static Path writeLesson(Path folder, String name, String yaml) throws java.io.IOException {
        Path lesson = folder.resolve(name).resolve(Lessons.FILE);
        Files.createDirectories(lesson.getParent());
        Files.writeString(lesson, yaml);
        return lesson;
    }
}
