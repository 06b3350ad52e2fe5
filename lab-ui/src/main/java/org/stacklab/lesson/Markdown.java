package org.stacklab.lesson;

import java.util.ArrayList;
import java.util.List;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;

/**
 * A lesson's Markdown (paragraphs, bullet and numbered lists, bold, italics, code), parsed with
 * commonmark into blocks of styled spans, which the window draws as styled text and the terminal
 * as ANSI text wrapped to its width.
 */
public final class Markdown {

    /** How a span is set. */
    public enum Style { PLAIN, BOLD, ITALIC, CODE }

    /** A run of text in one style. */
    public record Span(String text, Style style) {
    }

    /**
     * A paragraph, or an item of a list.
     *
     * @param marker "" for a paragraph, "•" or "1." for a list item
     */
    public record Block(String marker, List<Span> spans) {
    }

    private static final Parser PARSER = Parser.builder().build();

    private Markdown() {
    }

    public static List<Block> parse(String markdown) {
        List<Block> blocks = new ArrayList<>();
        PARSER.parse(markdown == null ? "" : markdown).accept(new AbstractVisitor() {
            private String marker = "";
            private int number;

            @Override
            public void visit(BulletList list) {
                String outer = marker;
                marker = "•";
                visitChildren(list);
                marker = outer;
            }

            @Override
            public void visit(OrderedList list) {
                String outer = marker;
                int outerNumber = number;
                number = list.getMarkerStartNumber() == null ? 1 : list.getMarkerStartNumber();
                marker = "#";
                visitChildren(list);
                marker = outer;
                number = outerNumber;
            }

            @Override
            public void visit(ListItem item) {
                visitChildren(item);
                if (marker.equals("#")) {
                    number++;
                }
            }

            @Override
            public void visit(Paragraph paragraph) {
                List<Span> spans = new ArrayList<>();
                collect(paragraph, Style.PLAIN, spans);
                String shown = marker.equals("#") ? number + "." : marker;
                blocks.add(new Block(paragraph.getParent() instanceof ListItem ? shown : "", spans));
            }
        });
        return blocks;
    }

    private static void collect(Node node, Style style, List<Span> spans) {
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            if (child instanceof Text text) {
                spans.add(new Span(text.getLiteral(), style));
            } else if (child instanceof Code code) {
                spans.add(new Span(code.getLiteral(), Style.CODE));
            } else if (child instanceof SoftLineBreak || child instanceof HardLineBreak) {
                spans.add(new Span(" ", style));
            } else if (child instanceof StrongEmphasis) {
                collect(child, Style.BOLD, spans);
            } else if (child instanceof Emphasis) {
                collect(child, style == Style.BOLD ? Style.BOLD : Style.ITALIC, spans);
            } else {
                collect(child, style, spans);
            }
        }
    }

    /** The text without marks, paragraphs apart: for a screen reader or a plain terminal. */
    public static String plain(String markdown) {
        return ansi(markdown, Integer.MAX_VALUE, false);
    }

    /**
     * The Markdown for a terminal: wrapped to {@code width} columns, list items indented under their
     * marker, and with {@code colour} bold as bold, italics as italics and code in cyan.
     */
    public static String ansi(String markdown, int width, boolean colour) {
        StringBuilder out = new StringBuilder();
        for (Block block : parse(markdown)) {
            if (out.length() > 0) {
                out.append(block.marker().isEmpty() ? "\n\n" : "\n");
            }
            String indent = block.marker().isEmpty() ? "" : "  ";
            String first = block.marker().isEmpty() ? "" : indent + block.marker() + " ";
            String hanging = " ".repeat(first.length());
            int column = first.length();
            out.append(first);
            boolean lineStart = true;
            for (Span span : block.spans()) {
                for (String word : span.text().split("(?<= )|(?= )")) {
                    if (word.equals(" ")) {
                        if (!lineStart) {
                            out.append(' ');
                            column++;
                        }
                        continue;
                    }
                    if (!lineStart && column + word.length() > width) {
                        trimTrailingSpace(out);
                        out.append('\n').append(hanging);
                        column = hanging.length();
                    }
                    out.append(colour ? on(span.style()) : "").append(word).append(colour && span.style() != Style.PLAIN
                            ? "\u001b[0m" : "");
                    column += word.length();
                    lineStart = false;
                }
            }
            trimTrailingSpace(out);
        }
        return out.toString();
    }

    private static void trimTrailingSpace(StringBuilder out) {
        while (out.length() > 0 && out.charAt(out.length() - 1) == ' ') {
            out.setLength(out.length() - 1);
        }
    }

    private static String on(Style style) {
        return switch (style) {
            case PLAIN -> "";
            case BOLD -> "\u001b[1m";
            case ITALIC -> "\u001b[3m";
            case CODE -> "\u001b[36m";
        };
    }
}
