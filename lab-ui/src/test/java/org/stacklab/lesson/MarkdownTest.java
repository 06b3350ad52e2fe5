package org.stacklab.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A lesson's Markdown, parsed once, drawn styled in the window and as ANSI on a terminal. */
class MarkdownTest {

    private static final String TEXT = "The **proxy** reads with `recvmsg` and *writes*:\n\n- first item that is long enough"
            + " to wrap on a narrow terminal of forty columns\n- second\n\n1. one\n2. two\n";

    @Test
    void blocksKeepTheirStylesAndListMarkers() {
        List<Markdown.Block> blocks = Markdown.parse(TEXT);
        assertEquals(List.of("", "•", "•", "1.", "2."), blocks.stream().map(Markdown.Block::marker).toList());
        assertTrue(blocks.get(0).spans().contains(new Markdown.Span("proxy", Markdown.Style.BOLD)));
        assertTrue(blocks.get(0).spans().contains(new Markdown.Span("recvmsg", Markdown.Style.CODE)));
        assertTrue(blocks.get(0).spans().contains(new Markdown.Span("writes", Markdown.Style.ITALIC)));
    }

    @Test
    void aTerminalGetsAnsiWrappedToItsWidthWithoutMarks() {
        String plain = Markdown.ansi(TEXT, 40, false);
        assertTrue(plain.lines().allMatch(l -> l.length() <= 40), plain);
        assertTrue(!plain.contains("**") && !plain.contains("`"), plain);
        assertTrue(plain.contains("  • first item"), plain);
        assertTrue(plain.contains("    "), "a wrapped item hangs under its text: " + plain);
        String coloured = Markdown.ansi(TEXT, 80, true);
        assertTrue(coloured.contains("\u001b[1mproxy\u001b[0m") && coloured.contains("\u001b[36mrecvmsg\u001b[0m"),
                coloured);
    }
}
