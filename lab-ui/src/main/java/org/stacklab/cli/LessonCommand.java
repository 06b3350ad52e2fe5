package org.stacklab.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import org.stacklab.lesson.Answer;
import org.stacklab.lesson.Lesson;
import org.stacklab.lesson.LessonStep;
import org.stacklab.lesson.Lessons;
import org.stacklab.lesson.Question;
import org.stacklab.sim.report.RunReport;
import org.stacklab.sim.run.LoadedScenario;
import org.stacklab.sim.scenario.ScenarioException;
import org.stacklab.sim.scenario.YamlFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code stacklab lesson}: the classroom lessons on a terminal (for students over SSH on a lab VM). */
@Command(name = "lesson", mixinStandardHelpOptions = true, description = "List, run and check the classroom lessons.",
        subcommands = {LessonCommand.ListLessons.class, LessonCommand.Run.class, LessonCommand.Check.class})
final class LessonCommand {

    /** Where the lessons are. */
    static final class Folder {
        @Option(names = "--lessons", paramLabel = "DIR", description = "The lessons folder (default: this installation's).")
        Path folder;

        Lessons lessons() {
            return new Lessons(folder == null ? Lessons.defaultFolder() : folder);
        }

        /** The lessons' names; none is a mistake worth saying. */
        static List<String> names(Lessons lessons) throws IOException {
            List<String> names = lessons.names();
            if (names.isEmpty()) {
                throw new UserError("no lessons in " + lessons.folder());
            }
            return names;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the lessons.")
    static final class ListLessons implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        Folder folder;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Lessons lessons = folder.lessons();
            PrintWriter out = spec.commandLine().getOut();
            List<String> names = Folder.names(lessons);
            for (String name : names) {
                Lesson lesson = lessons.read(name);
                out.printf("%-28s %3d min  %2d steps  %s%n", name, lesson.duration(), lesson.steps().size(), lesson.title());
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Play a lesson: narration, the figures of each step, and its questions at a prompt.")
    static final class Run implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        Folder folder;

        @Parameters(paramLabel = "NAME", description = "A lesson, as `stacklab lesson list` names it.")
        String name;

        @Option(names = "--answers", split = ",", paramLabel = "A[,A...]",
                description = "Answer the questions in order instead of at the prompt.")
        List<String> answers;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Lessons lessons = folder.lessons();
            Lesson lesson = lessons.read(name);
            PrintWriter out = spec.commandLine().getOut();
            Deque<String> given = answers == null ? null : new ArrayDeque<>(answers);
            BufferedReader prompt = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            boolean interactive = given == null && System.console() != null;
            Terminal terminal = Terminal.here();
            out.printf("%s%n%s · %d minutes%nGoals:%n", lesson.title(), lesson.audience(), lesson.duration());
            lesson.goals().forEach(g -> out.println(terminal.markdown("- " + g)));
            int right = 0;
            int asked = 0;
            for (int i = 0; i < lesson.steps().size(); i++) {
                LessonStep step = lesson.steps().get(i);
                if (interactive && i > 0) {
                    out.printf("%n[Enter: step %d of %d] ", i + 1, lesson.steps().size());
                    out.flush();
                    prompt.readLine();
                }
                out.printf("%n── Step %d/%d: %s ──%n%n%s%n", i + 1, lesson.steps().size(), step.title(),
                        terminal.markdown(step.narration()));
                Question question = step.question();
                if (question != null) {
                    asked++;
                    out.printf("%n? %s%s%n> ", question.text(), question.isChoice()
                            ? " (" + String.join(" / ", question.choices()) + ")" : "");
                    out.flush();
                    String answer = given != null ? given.pollFirst() : readLine(prompt);
                    if (given != null && answer != null) {
                        out.println(answer);
                    }
                    Answer computed = lessons.answer(name, step, i);
                    boolean ok = answer != null && question.accepts(answer, computed);
                    right += ok ? 1 : 0;
                    out.printf("%s The simulation says: %s.%n", answer == null ? "(no answer)" : ok ? "Right." : "Not quite.",
                            computed.text());
                    if (!question.explain().isBlank()) {
                        out.println(terminal.markdown(question.explain()));
                    }
                }
                if (step.live()) {
                    out.printf("%nOn a lab VM, measure it for real: sudo ./stacklab probe run --mode %s%n",
                            String.join(",", step.modeNames()));
                }
                LoadedScenario loaded = lessons.scenario(name, step, i);
                List<RunReport> reports = new ArrayList<>();
                for (String mode : step.modeNames()) {
                    reports.add(lessons.report(loaded, mode));
                }
                out.println();
                out.print(stepFigures(reports));
            }
            out.printf("%nDone: %d of %d predictions right.%n", right, asked);
            out.flush();
            return 0;
        }

        /** The figures a step is about, mode by mode, in a table that fits 80 columns (90 for the longest names). */
        static String stepFigures(List<RunReport> reports) {
            String row = "%-" + Math.max(16, reports.stream().mapToInt(r -> r.mode().length()).max().orElse(0))
                    + "s %9s %9s %13s %7s %9s%n";
            StringBuilder table = new StringBuilder(String.format(java.util.Locale.ROOT, row,
                    "mode", "p50 µs", "p90 µs", "TCP/IP trips", "sk_msg", "switches"));
            for (RunReport r : reports) {
                var t = r.crossingsPerRequest();
                table.append(String.format(java.util.Locale.ROOT, row, r.mode(),
                        ReportTable.fmt(r.latencyUs().p50()), ReportTable.fmt(r.latencyUs().p90()),
                        ReportTable.fmt(t.tcpIp()),
                        ReportTable.fmt(t.skMsgRedirects()), ReportTable.fmt(r.contextSwitchesPerRequest())));
            }
            return table.toString();
        }

        private static String readLine(BufferedReader prompt) throws IOException {
            String line = prompt.readLine();
            return line == null || line.isBlank() ? null : line;
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Check every lesson: its file, its scenarios and modes, and that each answer can be computed.")
    static final class Check implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        Folder folder;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Lessons lessons = folder.lessons();
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            List<String> names = Folder.names(lessons);
            int failed = 0;
            for (String name : names) {
                try {
                    Lesson lesson = lessons.read(name);
                    int questions = 0;
                    for (int i = 0; i < lesson.steps().size(); i++) {
                        LessonStep step = lesson.steps().get(i);
                        lessons.scenario(name, step, i);
                        if (step.question() != null) {
                            Answer answer = lessons.answer(name, step, i);
                            if (step.question().isChoice() && !step.question().choices().contains(answer.text())) {
                                throw YamlFiles.faultAt(lessons.file(name), "steps[" + i + "].question.choices",
                                        "the computed answer '" + answer.text() + "' is not among the choices");
                            }
                            questions++;
                        }
                    }
                    out.printf("ok    %-28s %d steps, %d questions%n", name, lesson.steps().size(), questions);
                } catch (ScenarioException e) {
                    failed++;
                    err.println("stacklab: " + e.getMessage());
                }
            }
            out.flush();
            err.flush();
            return failed == 0 ? 0 : StackLab.USER_ERROR;
        }
    }
}
