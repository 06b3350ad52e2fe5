package org.stacklab.ui;

import java.util.Map;
import javafx.scene.paint.Color;

/**
 * One colour per mode, wherever the mode is drawn (its diagram, its chart series, its waterfall
 * rows), so that sidecar is the same colour in every view and whichever pane shows it.
 */
public final class ModeColors {

    private static final Map<String, String> BUILT_IN = Map.of(
            "direct", "#2f9e44", "sidecar", "#e8590c", "sockmap", "#1971c2", "sidecar+sockmap", "#9c36b5");
    private static final String[] OTHERS = {"#c2255c", "#0c8599", "#5c940d", "#e67700"};

    private ModeColors() {
    }

    /** The mode's colour as CSS ("#e8590c"). */
    public static String css(String mode) {
        return BUILT_IN.getOrDefault(mode, OTHERS[Math.floorMod(mode.hashCode(), OTHERS.length)]);
    }

    public static Color of(String mode) {
        return Color.web(css(mode));
    }
}
