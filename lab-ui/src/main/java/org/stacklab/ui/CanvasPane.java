package org.stacklab.ui;

import javafx.scene.canvas.Canvas;
import javafx.scene.layout.Region;

/** A region that is one canvas, redrawn whenever its size or content changes. */
abstract class CanvasPane extends Region {

    protected final Canvas canvas = new Canvas();

    CanvasPane() {
        getChildren().add(canvas);
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
        draw();
    }

    /** Paints the whole canvas from the current content. */
    protected abstract void draw();
}
