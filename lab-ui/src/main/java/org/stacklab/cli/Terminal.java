package org.stacklab.cli;

import org.stacklab.lesson.Markdown;

/**
 * The terminal the command line writes to: its width (COLUMNS, else 80) and whether it takes
 * colour (a console, TERM not dumb, NO_COLOR unset).
 */
record Terminal(int width, boolean colour) {

    static Terminal here() {
        int width = 80;
        try {
            width = Math.max(40, Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "80").strip()));
        } catch (NumberFormatException ignored) {
            // the default
        }
        boolean colour = System.console() != null && System.getenv("NO_COLOR") == null
                && !"dumb".equals(System.getenv("TERM"));
        return new Terminal(width, colour);
    }

    /** Markdown as this terminal shows it: wrapped to its width, bold and code marked where it takes colour. */
    String markdown(String text) {
        return Markdown.ansi(text, width, colour);
    }
}
