/**
 * The JavaFX lab: two panes ({@link org.stacklab.ui.PaneView}) stepped together, their path diagrams,
 * the toolbars, the waterfall, the charts and status line, the flow view, and the exports. Everything
 * beyond drawing runs off the FX thread.
 */
package org.stacklab.ui;
