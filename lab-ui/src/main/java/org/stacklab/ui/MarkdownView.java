package org.stacklab.ui;

import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.stacklab.lesson.Markdown;

/**
 * A lesson's Markdown in the window: a paragraph or list item per block, bold as bold, italics
 * as italics, code in a monospaced face. It inherits the lab's font size, so presenter style
 * enlarges it too.
 */
final class MarkdownView extends VBox {

    private String source = "";

    MarkdownView() {
        setSpacing(6);
    }

    void setMarkdown(String markdown) {
        source = markdown == null ? "" : markdown;
        getChildren().clear();
        for (Markdown.Block block : Markdown.parse(source)) {
            TextFlow flow = new TextFlow();
            if (!block.marker().isEmpty()) {
                flow.getChildren().add(new Text("  " + block.marker() + " "));
            }
            for (Markdown.Span span : block.spans()) {
                Text text = new Text(span.text());
                text.getStyleClass().add("markdown-" + span.style().name().toLowerCase(java.util.Locale.ROOT));
                text.setStyle(switch (span.style()) {
                    case BOLD -> "-fx-font-weight: bold;";
                    case ITALIC -> "-fx-font-style: italic;";
                    case CODE -> "-fx-font-family: monospace;";
                    case PLAIN -> "";
                });
                flow.getChildren().add(text);
            }
            getChildren().add(flow);
        }
    }

    /** The text shown, without marks. */
    String plainText() {
        return Markdown.plain(source);
    }
}
