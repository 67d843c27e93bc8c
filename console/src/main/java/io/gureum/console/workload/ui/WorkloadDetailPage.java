package io.gureum.console.workload.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.shared.Registration;
import io.gureum.console.system.LiveUpdate;
import io.gureum.console.task.TaskList;
import io.gureum.console.task.TaskService;
import io.gureum.console.ui.LiveUpdates;
import io.gureum.console.workload.WorkloadEvents;
import io.gureum.console.workload.WorkloadKind;
import io.gureum.console.workload.WorkloadSummary;
import java.time.Clock;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The page of one workload, at {@code route/:kindId}: a header with its name and state badge, the action buttons,
 * its tasks, refreshed live; the kind adds its sections. Another project's workload and one that does not exist
 * look the same: "There is no ...". Element ids start with the kind's name ({@code vm-title},
 * {@code container-action-start}).
 *
 * @param <D> what the kind reads to show the page (its summary, or more)
 */
public abstract class WorkloadDetailPage<D> extends LivePage implements BeforeEnterObserver {

    public final H2 title = new H2();
    public final Div stateHolder = new Div();
    protected final TaskService tasks;
    protected final Clock clock;
    private final WorkloadKind kind;
    private final String heading;
    private final Class<? extends RuntimeException> notFound;
    private final Function<UUID, D> loader;
    private final LiveUpdates liveUpdates;
    private final Map<String, Button> buttons = new HashMap<>();
    /** The workload shown, or null when there is none. */
    protected UUID id;

    /**
     * @param heading  the kind in a heading ("Virtual machine"), said when there is no such workload
     * @param notFound what the kind's service throws for a workload the caller cannot see
     * @param loader   reads the workload; throws {@code notFound} when the caller cannot see it
     */
    protected WorkloadDetailPage(WorkloadKind kind, String heading, Class<? extends RuntimeException> notFound,
                                 Function<UUID, D> loader, TaskService tasks, Clock clock, LiveUpdates liveUpdates) {
        this.kind = kind;
        this.heading = heading;
        this.notFound = notFound;
        this.loader = loader;
        this.tasks = tasks;
        this.clock = clock;
        this.liveUpdates = liveUpdates;
    }

    /** Reads the workload; throws the kind's not-found exception when the caller cannot see it. */
    protected D load(UUID id) {
        return loader.apply(id);
    }

    /** Adds the page's parts for a workload just entered, then shows it. */
    protected abstract void build(D workload);

    /** Shows the workload as it is now (buttons enabled by its state, badge, the kind's sections). */
    protected abstract void refresh(D workload);

    /** Whether a live update is about the workload shown: a change of its state. */
    protected boolean concerns(LiveUpdate update) {
        return update instanceof WorkloadEvents.StateChanged changed && changed.kind() == kind
                && changed.workloadId().equals(id);
    }

    /** Called before the page shows another workload (or none). */
    protected void leaving() {
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        leaving();
        removeAll();
        buttons.clear();
        String raw = event.getRouteParameters().get(prefix() + "Id").orElse("");
        try {
            id = UUID.fromString(raw);
            D workload = load(id);
            title.setId(prefix() + "-title");
            stateHolder.setId(prefix() + "-state");
            build(workload);
        } catch (RuntimeException notVisible) {
            if (!(notVisible instanceof IllegalArgumentException) && !notFound.isInstance(notVisible)) {
                throw notVisible;
            }
            id = null;
            Paragraph missing = new Paragraph("There is no " + heading.toLowerCase(Locale.ROOT) + " " + raw + ".");
            missing.setId(prefix() + "-not-found");
            add(new H2(heading), missing);
        }
    }

    /** The name, the state badge and {@code more} in one line. */
    protected HorizontalLayout header(WorkloadSummary workload, Component... more) {
        title.setText(workload.name());
        HorizontalLayout header = new HorizontalLayout(title, stateHolder);
        header.add(more);
        return header;
    }

    /** Shows the state badge; {@code reason} (in words) is its tooltip. */
    protected void showState(WorkloadSummary workload, String reason) {
        stateHolder.removeAll();
        stateHolder.add(WorkloadBadge.of(workload, reason));
    }

    /** A button that runs {@code action} and shows the result at once; its id is {@code kind-action-text}. */
    protected Button action(String text, Supplier<?> action) {
        Button button = new Button(text, click -> {
            if (WorkloadActions.run(action::get)) {
                refreshNow();
            }
        });
        return register(text, button);
    }

    /** "Delete", confirmed first; back to the kind's list once it is accepted. */
    protected Button deleteButton(String noun, String consequence, Runnable delete) {
        Button button = new Button("Delete", click -> WorkloadActions.confirmDelete(noun, title.getText(),
                consequence, () -> {
                    if (WorkloadActions.run(delete)) {
                        UI.getCurrent().navigate(kind.route());
                    }
                }));
        button.addThemeVariants(ButtonVariant.LUMO_ERROR);
        return register("Delete", button);
    }

    private Button register(String text, Button button) {
        button.setId(prefix() + "-action-" + text.toLowerCase(Locale.ROOT).replace(' ', '-'));
        buttons.put(text, button);
        return button;
    }

    /** The action button labelled {@code text}. */
    public Button button(String text) {
        return buttons.get(text);
    }

    /** The workload's tasks, newest first. */
    protected TaskList taskList(WorkloadSummary workload) {
        return new TaskList(tasks, clock, kind.targetType(), workload.id().toString());
    }

    /** Reads the workload again and shows it; back to the list when it is gone. */
    protected void refreshNow() {
        if (id == null) {
            return;
        }
        try {
            refresh(load(id));
        } catch (RuntimeException gone) {
            if (!notFound.isInstance(gone)) {
                throw gone;
            }
            UI.getCurrent().navigate(kind.route());
        }
    }

    @Override
    protected Registration follow(UI ui) {
        // A state change observed on the host shows at once (server push), not at the next poll.
        return liveUpdates.follow(ui, POLL_MILLIS, this::refreshNow, this::concerns, this::refreshNow);
    }

    private String prefix() {
        return kind.targetType();
    }
}
