package org.stacklab.ui;

import java.util.List;
import java.util.Locale;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.stacklab.sim.trace.StageVisit;

/**
 * Every stage visit of the current request of each pane, in order, the one shown now selected;
 * clicking a visit takes its pane there.
 */
final class EventList extends VBox {

    private final List<PaneView> panes;
    private final List<ListView<StageVisit>> lists;
    private boolean updating;

    EventList(List<PaneView> panes) {
        this.panes = List.copyOf(panes);
        setId("events");
        setSpacing(6);
        setPadding(new Insets(8));
        setPrefWidth(300);
        setMinWidth(240);
        this.lists = panes.stream().map(this::listFor).toList();
        for (int i = 0; i < panes.size(); i++) {
            Label title = new Label();
            title.textProperty().bind(javafx.beans.binding.Bindings.concat(panes.get(i).shownModeProperty(), ": the current request"));
            title.setStyle("-fx-font-weight: bold;");
            VBox.setVgrow(lists.get(i), Priority.ALWAYS);
            getChildren().addAll(title, lists.get(i));
        }
    }

    private ListView<StageVisit> listFor(PaneView pane) {
        ListView<StageVisit> list = new ListView<>();
        list.setId(pane.getId() + "-events");
        list.setCellFactory(view -> new ListCell<>() {
            @Override
            protected void updateItem(StageVisit visit, boolean empty) {
                super.updateItem(visit, empty);
                setText(empty || visit == null ? null : String.format(Locale.ROOT, "%s %s · %s%s · %.1f µs",
                        visit.direction().name().charAt(0) + visit.direction().name().substring(1, 3).toLowerCase(
                                Locale.ROOT), visit.stage().name(), visit.namespace(),
                        visit.device() == null ? "" : " (" + visit.device() + ")", visit.durationNs() / 1000.0));
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (!updating && now != null) {
                pane.showVisit(now);
            }
        });
        return list;
    }

    /** Shows each pane's current request again, after a step. */
    void refresh() {
        updating = true;
        try {
            for (int i = 0; i < panes.size(); i++) {
                PaneView pane = panes.get(i);
                ListView<StageVisit> list = lists.get(i);
                List<StageVisit> visits = pane.requestSoFarAndAhead();
                if (!list.getItems().equals(visits)) {
                    list.setItems(FXCollections.observableArrayList(visits));
                }
                pane.current().ifPresentOrElse(now -> {
                    list.getSelectionModel().select(now);
                    list.scrollTo(Math.max(0, list.getSelectionModel().getSelectedIndex() - 3));
                }, () -> list.getSelectionModel().clearSelection());
            }
        } finally {
            updating = false;
        }
    }
}
