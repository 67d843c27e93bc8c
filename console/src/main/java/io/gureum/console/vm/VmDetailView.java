package io.gureum.console.vm;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;
import io.gureum.console.ui.LiveUpdates;
import io.gureum.console.task.TaskList;
import io.gureum.console.task.TaskService;
import io.gureum.console.ui.Formats;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * One VM: state, spec, host, addresses, live serial console, screenshot, actions and its tasks.
 * Another project's VM and a VM that does not exist look the same: "no such VM".
 */
@Route("vms/:vmId")
@PageTitle("Virtual machine")
@PermitAll
public class VmDetailView extends Main implements BeforeEnterObserver {

    static final int POLL_MILLIS = 2_000;
    static final Duration SCREENSHOT_EVERY = Duration.ofSeconds(10);

    private final VmService vms;
    private final TaskService tasks;
    private final Clock clock;
    final H2 title = new H2();
    final Paragraph facts = new Paragraph();
    final Paragraph addresses = new Paragraph();
    final Pre serial = new Pre();
    final Div screenshot = new Div();
    final Div stateHolder = new Div();
    final Select<RestartPolicy> restartPolicy = new Select<>();
    final Span stateReason = new Span();
    final Sparkline cpuChart = new Sparkline("CPU % over the last two minutes", "var(--lumo-primary-color)",
            v -> String.format(java.util.Locale.ROOT, "%.1f %%", v));
    final Sparkline memoryChart = new Sparkline("Memory in use over the last two minutes",
            "var(--lumo-success-color)", v -> Math.round(v) + " MiB");
    final Paragraph statsText = new Paragraph();
    final Div auditHolder = new Div();
    final Div stateChanges = new Div();
    final VmStatsHistory history = new VmStatsHistory();
    private final java.util.Map<String, Button> buttons = new java.util.HashMap<>();
    private UUID id;
    private Instant lastScreenshot = Instant.EPOCH;
    private VmStatus screenshotState;
    private boolean serialRead;
    private final LiveUpdates liveUpdates;
    private Registration updates;

    public VmDetailView(VmService vms, TaskService tasks, Clock clock, LiveUpdates liveUpdates) {
        this.vms = vms;
        this.tasks = tasks;
        this.clock = clock;
        this.liveUpdates = liveUpdates;
        getStyle().set("padding", "var(--lumo-space-m)");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        String raw = event.getRouteParameters().get("vmId").orElse("");
        try {
            id = UUID.fromString(raw);
            VmSummary vm = vms.get(id);
            build(vm);
        } catch (IllegalArgumentException | VmNotFoundException notVisible) {
            id = null;
            Paragraph missing = new Paragraph("There is no virtual machine " + raw + ".");
            missing.setId("vm-not-found");
            add(new H2("Virtual machine"), missing);
        }
    }

    private void build(VmSummary vm) {
        title.setText(vm.name());
        title.setId("vm-title");
        stateHolder.setId("vm-state");
        stateReason.setId("vm-state-reason");
        stateReason.getStyle().set("color", "var(--lumo-secondary-text-color)");
        restartPolicy.setLabel("Restart policy");
        restartPolicy.setItems(RestartPolicy.values());
        restartPolicy.setItemLabelGenerator(p -> p == RestartPolicy.ALWAYS
                ? "always: start it again when it stops without a console action" : "never");
        restartPolicy.setValue(vm.restartPolicy());
        restartPolicy.addValueChangeListener(change -> {
            if (change.isFromClient()) {
                run(() -> vms.setRestartPolicy(id, change.getValue()));
            }
        });
        serial.setId("vm-serial");
        serial.getStyle().set("max-height", "20rem").set("overflow", "auto").set("background", "var(--lumo-contrast-5pct)")
                .set("padding", "var(--lumo-space-s)").set("font-size", "var(--lumo-font-size-xs)");
        addresses.setId("vm-addresses");
        screenshot.setId("vm-screenshot");

        statsText.setId("vm-stats");
        cpuChart.setId("vm-cpu-chart");
        memoryChart.setId("vm-memory-chart");
        auditHolder.setId("vm-audit");
        stateChanges.setId("vm-state-changes");
        HorizontalLayout charts = new HorizontalLayout(labelled("CPU (% of its vCPUs)", cpuChart),
                labelled("Memory in use", memoryChart));
        charts.getStyle().set("flex-wrap", "wrap");
        HorizontalLayout heading = new HorizontalLayout(title, stateHolder, stateReason);
        heading.setAlignItems(HorizontalLayout.Alignment.BASELINE);
        add(heading, facts, actions(), restartPolicy,
                new H3("Usage"), charts, statsText,
                new H3("Addresses"), addresses,
                new H3("Serial console"), serial,
                new H3("Screen"), screenshot,
                new H3("Events"), auditHolder, new H3("State changes"), stateChanges,
                new TaskList(tasks, clock, "vm", vm.id().toString()));
        history.clear();
        lastScreenshot = Instant.EPOCH;
        screenshotState = null;
        refresh(vm);
    }

    private static Div labelled(String label, Sparkline chart) {
        Div caption = new Div(label);
        caption.getStyle().set("font-size", "var(--lumo-font-size-xs)").set("color", "var(--lumo-secondary-text-color)");
        return new Div(caption, chart);
    }

    private void refreshUsage(VmSummary vm) {
        vms.stats(id).ifPresentOrElse(sample -> {
            history.add(sample, vm.vcpus());
            Double cpu = history.cpuPercents().isEmpty() ? null : history.cpuPercents().getLast();
            statsText.setText("CPU " + (cpu == null ? "…" : String.format(java.util.Locale.ROOT, "%.1f %%", cpu))
                    + " · memory " + sample.memoryUsedMib() + " of " + sample.memoryActualMib() + " MiB"
                    + " · disk read " + Formats.bytes(sample.diskReadBytes()) + ", written "
                    + Formats.bytes(sample.diskWriteBytes())
                    + " · network received " + Formats.bytes(sample.netRxBytes()) + ", sent "
                    + Formats.bytes(sample.netTxBytes()));
        }, () -> {
            history.clear();
            statsText.setText("No usage figures: the VM is not running or its host does not answer.");
        });
        cpuChart.setPoints(history.cpuPoints(), 100);
        memoryChart.setPoints(history.memoryPoints(), vm.memoryMib());
    }

    private void refreshEvents() {
        VmAuditTrail trail = vms.auditTrail(id);
        auditHolder.removeAll();
        if (!trail.visible()) {
            auditHolder.add(new Paragraph(trail.hiddenBecause()));
        } else if (trail.entries().isEmpty()) {
            auditHolder.add(new Paragraph("No audit entries yet."));
        } else {
            for (io.gureum.console.audit.AuditRecord entry : trail.entries()) {
                auditHolder.add(new Div(Formats.ago(entry.occurredAt(), clock.instant()) + ": " + entry.action()
                        + " by " + entry.actor() + " (" + entry.outcome().name().toLowerCase()
                        + (entry.detail() == null || entry.detail().isBlank() ? "" : ", " + entry.detail()) + ")"));
            }
        }
        List<VmStateLog.Change> changes = vms.stateChanges(id);
        stateChanges.removeAll();
        if (changes.isEmpty()) {
            stateChanges.add(new Paragraph("No state change seen since the console started."));
        }
        for (VmStateLog.Change change : changes) {
            stateChanges.add(new Div(change(change)));
        }
    }

    static String change(VmStateLog.Change change) {
        return Formats.time(change.at()) + ": "
                + change.from().name().toLowerCase() + " → " + change.to().name().toLowerCase()
                + (change.reason() == null || change.reason().isBlank() ? ""
                : ": " + VmStateReasons.inWords(change.to(), change.reason()));
    }

    private HorizontalLayout actions() {
        HorizontalLayout bar = new HorizontalLayout(
                action("Start", () -> vms.start(id)),
                action("Shut down", () -> vms.shutdown(id)),
                action("Force off", () -> vms.forceOff(id)),
                action("Reboot", () -> vms.reboot(id)),
                action("Suspend", () -> vms.suspend(id)),
                action("Resume", () -> vms.resume(id)));
        Button delete = new Button("Delete", click -> {
            ConfirmDialog confirm = new ConfirmDialog("Delete VM " + title.getText() + "?",
                    "It is powered off and removed from its host with its disk. This cannot be undone.", "Delete",
                    yes -> {
                        if (run(() -> vms.delete(id))) {
                            UI.getCurrent().navigate(VirtualMachinesView.class);
                        }
                    });
            confirm.setCancelable(true);
            confirm.setConfirmButtonTheme("error primary");
            confirm.open();
        });
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
        bar.add(delete);
        return bar;
    }

    private Button action(String text, Supplier<?> action) {
        Button button = new Button(text, click -> run(action::get));
        button.setId("vm-action-" + text.toLowerCase().replace(' ', '-'));
        buttons.put(text, button);
        return button;
    }

    private boolean run(Runnable action) {
        try {
            action.run();
            return true;
        } catch (RuntimeException refused) {
            Notification.show(refused.getMessage(), 8000, Notification.Position.BOTTOM_START)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
            return false;
        }
    }

    void refresh(VmSummary vm) {
        VmStatus state = vm.state();
        boolean onHost = state != VmStatus.PROVISIONING && state != VmStatus.DELETING && state != VmStatus.ERROR;
        buttons.get("Start").setEnabled(onHost && (state == VmStatus.STOPPED || state == VmStatus.CRASHED));
        buttons.get("Shut down").setEnabled(state == VmStatus.RUNNING);
        buttons.get("Force off").setEnabled(state == VmStatus.RUNNING || state == VmStatus.PAUSED);
        buttons.get("Reboot").setEnabled(state == VmStatus.RUNNING);
        buttons.get("Suspend").setEnabled(state == VmStatus.RUNNING);
        buttons.get("Resume").setEnabled(state == VmStatus.PAUSED);
        stateHolder.removeAll();
        stateHolder.add(VirtualMachinesView.stateBadge(vm));
        stateReason.setText(VirtualMachinesView.reasonInWords(vm, ""));
        facts.setText("Host " + (vm.hostName() == null ? "not placed" : vm.hostName()) + " · " + vm.vcpus() + " vCPU"
                + (vm.vcpus() == 1 ? "" : "s") + " · " + Formats.bytes(vm.memoryMib() << 20) + " · image "
                + vm.imageId() + " · owner " + vm.owner() + " · created " + Formats.ago(vm.createdAt(), clock.instant())
                + (vm.errorMessage() == null ? "" : " · error: " + vm.errorMessage()));
        List<String> leased = vms.addresses(id);
        addresses.setText(!leased.isEmpty() ? String.join(", ", leased) : state == VmStatus.UNKNOWN
                ? "Its addresses cannot be read: the VM's host does not answer."
                : "No address leased yet (the guest asks the host's DHCP when it runs).");
        refreshUsage(vm);
        refreshEvents();
        String log = vms.serialLog(id, 8192);
        boolean hostSilent = state == VmStatus.UNKNOWN;
        if (!log.isEmpty()) {
            serialRead = true;
            serial.setText(log);
        } else if (serialRead) {
            // Nothing could be read now (its host stopped answering, maybe before its state says so): keep what was
            // read last rather than claim the guest printed nothing.
            if (hostSilent) {
                serial.getElement().setAttribute("title", "not updated: the VM's host does not answer");
            }
        } else {
            serial.setText(hostSilent ? "(the serial log cannot be read: the VM's host does not answer)"
                    : VirtualMachine.ADOPTED_IMAGE.equals(vm.imageId())
                    ? "(no serial log to show: the console reads the serial log only of the VMs it made, not of adopted ones)"
                    : "(nothing printed yet)");
        }
        if (!hostSilent) {
            serial.getElement().removeAttribute("title");
        }
        refreshScreen(vm);
    }

    /** The screen picture of a VM that has one, every {@link #SCREENSHOT_EVERY} and at once when the state changes. */
    private void refreshScreen(VmSummary vm) {
        String noScreen = noScreen(vm.state());
        if (noScreen != null) {
            screenshotState = vm.state();
            screenshot.removeAll();
            Paragraph why = new Paragraph(noScreen);
            why.setId("vm-no-screen");
            screenshot.add(why);
            return;
        }
        boolean stateChanged = vm.state() != screenshotState;
        if (stateChanged || Duration.between(lastScreenshot, clock.instant()).compareTo(SCREENSHOT_EVERY) >= 0) {
            lastScreenshot = clock.instant();
            screenshotState = vm.state();
            screenshot.removeAll();
            vms.screenshot(id).ifPresentOrElse(png -> {
                Image image = new Image(png, "Screen of " + vm.name());
                image.setWidth("480px");
                screenshot.add(image);
            }, () -> screenshot.add(new Paragraph("No screen picture: its host did not give one.")));
        }
    }

    /** Why a VM in this state has no screen to show, or null when it has one (running or paused). */
    static String noScreen(VmStatus state) {
        return switch (state) {
            case RUNNING, PAUSED -> null;
            case STOPPED -> "The VM is stopped: no screen.";
            case CRASHED -> "The VM has crashed: no screen.";
            case PROVISIONING -> "The VM is being made: no screen.";
            case ERROR -> "The VM could not be made: no screen.";
            case DELETING, DELETED -> "The VM is being deleted: no screen.";
            case UNKNOWN -> "Its host does not answer: no screen.";
        };
    }

    @Override
    protected void onAttach(AttachEvent event) {
        // A state change observed on the host shows at once (server push), not at the next poll.
        updates = liveUpdates.follow(event.getUI(), POLL_MILLIS, this::refreshFromService,
                update -> update instanceof VmEvents.VmStateChanged changed && changed.vmId().equals(id),
                this::refreshFromService);
    }

    private void refreshFromService() {
        if (id == null) {
            return;
        }
        try {
            refresh(vms.get(id));
        } catch (VmNotFoundException deleted) {
            UI.getCurrent().navigate(VirtualMachinesView.class);
        }
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (updates != null) {
            updates.remove();
            updates = null;
        }
    }
}
