package org.stacklab.ui;

import java.io.IOException;
import java.util.List;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.stacklab.lesson.Answer;
import org.stacklab.lesson.Lesson;
import org.stacklab.lesson.LessonStep;
import org.stacklab.lesson.Lessons;
import org.stacklab.lesson.Question;
import org.stacklab.sim.scenario.ScenarioException;

/**
 * The lesson player in the lab: choose a lesson, go through its steps with Next and Back, read the
 * narration, answer the step's question before the reveal. The panes follow each step's scenario,
 * modes and directives.
 */
public final class LessonPanel extends VBox {

    private final LabView lab;
    private final Lessons lessons;
    private final ChoiceBox<String> chooser = new ChoiceBox<>();
    private final Label title = new Label();
    private final Label position = new Label();
    private final ProgressBar progress = new ProgressBar(0);
    private final MarkdownView narration = new MarkdownView();
    private final Label question = new Label();
    private final TextField answer = new TextField();
    private final Button check = new Button("Answer");
    private final Label feedback = new Label();
    private final HBox choices = new HBox(6);
    /** Whether each step's question was answered right, by step: for the summary at the end. */
    private final java.util.Map<Integer, Boolean> results = new java.util.TreeMap<>();
    private Lesson lesson;
    private String lessonName;
    private int step;

    public LessonPanel(LabView lab, Lessons lessons) {
        this.lab = lab;
        this.lessons = lessons;
        setId("lesson-panel");
        setSpacing(8);
        setPadding(new Insets(8));
        setPrefWidth(360);
        setMinWidth(300);
        chooser.setId("lesson-chooser");
        title.setId("lesson-title");
        title.setWrapText(true);
        title.setStyle("-fx-font-weight: bold; -fx-font-size: 1.2em;");
        position.setId("lesson-position");
        narration.setId("lesson-narration");
        question.setId("lesson-question");
        question.setWrapText(true);
        question.setStyle("-fx-font-weight: bold;");
        answer.setId("lesson-answer");
        check.setId("lesson-check");
        feedback.setId("lesson-feedback");
        feedback.setWrapText(true);
        Button back = new Button("◀ Back");
        back.setId("lesson-back");
        Button next = new Button("Next ▶");
        next.setId("lesson-next");
        back.setOnAction(e -> show(step - 1));
        next.setOnAction(e -> {
            if (lesson != null && step == lesson.steps().size() - 1) {
                summarise();
            } else {
                show(step + 1);
            }
        });
        choices.setId("lesson-choices");
        check.setOnAction(e -> checkAnswer());
        answer.setOnAction(e -> checkAnswer());
        chooser.setOnAction(e -> open(chooser.getValue()));
        try {
            chooser.getItems().setAll(lessons.names());
        } catch (IOException e) {
            lab.showError("Cannot list the lessons in " + lessons.folder() + ": " + e.getMessage());
        }
        back.setMinWidth(Region.USE_PREF_SIZE);
        next.setMinWidth(Region.USE_PREF_SIZE);
        position.setWrapText(true);
        getChildren().addAll(new Label("Lesson"), chooser, title, new HBox(8, back, next, progress), position,
                narration, question, choices, new HBox(8, answer, check), feedback);
    }

    /** Opens a lesson at its first step. */
    public void open(String name) {
        if (name == null) {
            return;
        }
        try {
            lesson = lessons.read(name);
            lessonName = name;
            results.clear();
            if (!name.equals(chooser.getValue())) {
                chooser.setValue(name);
            }
            title.setText(lesson.title());
            show(0);
        } catch (ScenarioException e) {
            lab.showError(e.getMessage());
        }
    }

    /** Shows step {@code index} (from 0): its narration and question, and the panes it asks for. */
    public void show(int index) {
        if (lesson == null || index < 0 || index >= lesson.steps().size()) {
            return;
        }
        step = index;
        LessonStep s = lesson.steps().get(index);
        position.setText("Step " + (index + 1) + " of " + lesson.steps().size() + ": " + s.title());
        progress.setProgress((index + 1) / (double) lesson.steps().size());
        narration.setMarkdown(s.narration());
        Question q = s.question();
        question.setText(q == null ? "" : q.text());
        answer.setVisible(q != null && !q.isChoice());
        check.setVisible(q != null && !q.isChoice());
        answer.clear();
        choices.getChildren().clear();
        if (q != null && q.isChoice()) {
            for (String choice : q.choices()) {
                Button button = new Button(choice);
                button.setId("lesson-choice-" + choice.replace('+', '-'));
                button.setOnAction(e -> answer(choice));
                choices.getChildren().add(button);
            }
        }
        // Figures that would give the answer away wait until the class has answered.
        lab.setFiguresHidden(q != null && !results.containsKey(index));
        feedback.setText(s.live() ? "On a lab VM: measure it for real with Source → Measure live, or sudo ./stacklab"
                + " probe run --out FILE, then Source → Open a recording." : "");
        try {
            String left = s.modeNames().get(0);
            String right = s.modeNames().get(s.modeNames().size() - 1);
            lab.useScenario(lessons.scenario(lessonName, s, index), left, right);
            if (s.recording() != null) {
                // Each pane replays the recording's measurement of its mode: what the lab VM's kernel saw.
                lab.openRecording(lab.left(), lessons.folder().resolve(s.recording()));
                lab.openRecording(lab.right(), lessons.folder().resolve(s.recording()));
            }
            lab.pauseAt(s.highlight(), s.pauseAt());
        } catch (ScenarioException e) {
            lab.showError(e.getMessage());
        }
    }

    /** The lesson's end: how the predictions went, and what it set out to teach. */
    private void summarise() {
        long asked = lesson.steps().stream().filter(s -> s.question() != null).count();
        long right = results.values().stream().filter(Boolean::booleanValue).count();
        position.setText("Lesson done");
        narration.setMarkdown("**" + lesson.title() + "** — done. Predictions right: **" + right + " of " + asked
                + "**" + (results.size() < asked ? " (" + (asked - results.size()) + " not answered)" : "")
                + ".\n\nWhat it set out to teach:\n\n" + String.join("\n", lesson.goals().stream().map(g -> "- " + g)
                .toList()));
        question.setText("");
        choices.getChildren().clear();
        answer.setVisible(false);
        check.setVisible(false);
        feedback.setText("Choose another lesson above, or Back to revisit a step.");
        lab.setFiguresHidden(false);
    }

    /** The narration shown now, without its marks. */
    public String narrationText() {
        return narration.plainText();
    }

    public int step() {
        return step;
    }

    /** Answers the step's question as typing {@code text} and pressing Enter does. */
    public void answer(String text) {
        answer.setText(text);
        checkAnswer();
    }

    /** Reveals the answer, computed by simulating the step's scenario, off the FX thread. */
    private void checkAnswer() {
        LessonStep s = lesson.steps().get(step);
        if (s.question() == null) {
            return;
        }
        String given = answer.getText();
        String name = lessonName;
        int index = step;
        feedback.setText("Computing the answer…");
        Task<Answer> task = new Task<>() {
            @Override
            protected Answer call() throws ScenarioException {
                return lessons.answer(name, s, index);
            }
        };
        task.setOnSucceeded(e -> {
            Answer computed = task.getValue();
            boolean right = s.question().accepts(given, computed);
            feedback.setText((right ? "Right. " : "Not quite. ") + "The simulation says: " + computed.text() + "."
                    + (s.question().explain().isBlank() ? "" : "\n" + plain(s.question().explain())));
            feedback.setStyle(right ? "-fx-text-fill: #2b8a3e;" : "-fx-text-fill: #c92a2a;");
            results.put(index, right);
            if (step == index) {
                lab.setFiguresHidden(false);
            }
        });
        task.setOnFailed(e -> feedback.setText("Cannot compute the answer: " + task.getException().getMessage()));
        Thread worker = new Thread(task, "stacklab-lesson-answer");
        worker.setDaemon(true);
        worker.start();
    }

    /** Markdown without its marks (for a label that cannot show styles). */
    static String plain(String markdown) {
        return org.stacklab.lesson.Markdown.plain(markdown);
    }

    /** The lessons this panel offers. */
    public List<String> lessonNames() {
        return List.copyOf(chooser.getItems());
    }
}
