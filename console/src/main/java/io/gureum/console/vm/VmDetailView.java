package io.gureum.console.vm;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.gureum.console.consoles.ConsoleDialog;
import io.gureum.console.consoles.ConsoleKind;
import io.gureum.console.consoles.ConsoleService;
import io.gureum.console.task.TaskService;
import io.gureum.console.ui.Formats;
import io.gureum.console.ui.LiveUpdates;
import io.gureum.console.workload.WorkloadKind;
import io.gureum.console.workload.ui.WorkloadActions;
import io.gureum.console.workload.ui.WorkloadDetailPage;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One VM: state, spec, host, addresses, live serial console, screenshot, actions and its tasks.
 * Another project's VM and a VM that does not exist look the same: "no such VM".
 */
@Route("vms/:vmId")
@PageTitle("Virtual machine")
@PermitAll
public class VmDetailView extends WorkloadDetailPage<VmSummary> {

    static final Duration SCREENSHOT_EVERY = Duration.ofSeconds(10);

    private final VmService vms;
    private final ConsoleService consoles;
    final Paragraph facts = new Paragraph();
    final Paragraph addresses = new Paragraph();
    final Paragraph guest = new Paragraph();
    final com.vaadin.flow.component.html.Span cloudInit = new com.vaadin.flow.component.html.Span();
    final com.vaadin.flow.component.html.Code sshCommand = new com.vaadin.flow.component.html.Code();
    final Pre serial = new Pre();
    final Div screenshot = new Div();
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
    private Instant lastScreenshot = Instant.EPOCH;
    private VmStatus screenshotState;
    private boolean serialRead;

    public VmDetailView(VmService vms, ConsoleService consoles, TaskService tasks, Clock clock,
                        LiveUpdates liveUpdates) {
        super(WorkloadKind.VM, "Virtual machine", VmNotFoundException.class, vms::get, tasks, clock, liveUpdates);
        this.vms = vms;
        this.consoles = consoles;
    }

    @Override
    protected void build(VmSummary vm) {
        stateReason.setId("vm-state-reason");
        stateReason.getStyle().set("color", "var(--lumo-secondary-text-color)");
        restartPolicy.setLabel("Restart policy");
        restartPolicy.setItems(RestartPolicy.values());
        restartPolicy.setItemLabelGenerator(p -> p == RestartPolicy.ALWAYS
                ? "always: start it again when it stops without a console action" : "never");
        restartPolicy.setValue(vm.restartPolicy());
        restartPolicy.addValueChangeListener(change -> {
            if (change.isFromClient()) {
                WorkloadActions.run(() -> vms.setRestartPolicy(id, change.getValue()));
            }
        });
        serial.setId("vm-serial");
        serial.getStyle().set("max-height", "20rem").set("overflow", "auto").set("background", "var(--lumo-contrast-5pct)")
                .set("padding", "var(--lumo-space-s)").set("font-size", "var(--lumo-font-size-xs)");
        addresses.setId("vm-addresses");
        guest.setId("vm-guest");
        cloudInit.setId("vm-cloud-init");
        sshCommand.setId("vm-ssh-command");
        screenshot.setId("vm-screenshot");

        statsText.setId("vm-stats");
        cpuChart.setId("vm-cpu-chart");
        memoryChart.setId("vm-memory-chart");
        auditHolder.setId("vm-audit");
        stateChanges.setId("vm-state-changes");
        HorizontalLayout charts = new HorizontalLayout(labelled("CPU (% of its vCPUs)", cpuChart),
                labelled("Memory in use", memoryChart));
        charts.getStyle().set("flex-wrap", "wrap");
        HorizontalLayout heading = header(vm, stateReason);
        heading.setAlignItems(HorizontalLayout.Alignment.BASELINE);
        add(heading, facts, actions(), restartPolicy,
                new H3("Usage"), charts, statsText,
                new H3("Guest"), guest, new Div(cloudInit), new Div(sshCommand),
                new H3("Addresses"), addresses,
                new H3("Serial console"), serial,
                new H3("Screen"), screenshot,
                new H3("Events"), auditHolder, new H3("State changes"), stateChanges,
                taskList(vm));
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
                        + " by " + entry.shownActor() + " (" + entry.outcome().name().toLowerCase()
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
        return new HorizontalLayout(
                action("Start", () -> vms.start(id)),
                action("Shut down", () -> vms.shutdown(id)),
                action("Force off", () -> vms.forceOff(id)),
                action("Reboot", () -> vms.reboot(id)),
                action("Suspend", () -> vms.suspend(id)),
                action("Resume", () -> vms.resume(id)),
                action("Serial terminal", () -> {
                    new ConsoleDialog(consoles, ConsoleKind.VM_SERIAL, id, "Serial terminal of " + title.getText()).open();
                    return null;
                }),
                action("Screen", () -> {
                    new ConsoleDialog(consoles, ConsoleKind.VM_SCREEN, id, "Screen of " + title.getText()).open();
                    return null;
                }),
                deleteButton("VM", "It is powered off and removed from its host with its disk. This cannot be undone.",
                        () -> vms.delete(id)));
    }

    @Override
    protected void refresh(VmSummary vm) {
        VmStatus state = vm.state();
        boolean onHost = state != VmStatus.PROVISIONING && state != VmStatus.DELETING && state != VmStatus.ERROR;
        button("Start").setEnabled(onHost && (state == VmStatus.STOPPED || state == VmStatus.CRASHED));
        button("Shut down").setEnabled(state == VmStatus.RUNNING);
        button("Force off").setEnabled(state == VmStatus.RUNNING || state == VmStatus.PAUSED);
        button("Reboot").setEnabled(state == VmStatus.RUNNING);
        button("Suspend").setEnabled(state == VmStatus.RUNNING);
        button("Resume").setEnabled(state == VmStatus.PAUSED);
        button("Serial terminal").setEnabled(state == VmStatus.RUNNING);
        button("Screen").setEnabled(state == VmStatus.RUNNING);
        showState(vm, VirtualMachinesView.reasonInWords(vm, ""));
        stateReason.setText(VirtualMachinesView.reasonInWords(vm, ""));
        facts.setText("Host " + (vm.hostName() == null ? "not placed" : vm.hostName()) + " · " + vm.vcpus() + " vCPU"
                + (vm.vcpus() == 1 ? "" : "s") + " · " + Formats.bytes(vm.memoryMib() << 20) + " · image "
                + vm.imageId() + " · owner " + vm.owner() + " · created " + Formats.ago(vm.createdAt(), clock.instant())
                + (vm.errorMessage() == null ? "" : " · error: " + vm.errorMessage()));
        VmGuest inside = vms.guest(id);
        guest.setText(inside.agentConnected() ? "Guest agent connected" + (inside.osName() == null ? ""
                : " · " + inside.osName()) + (inside.hostname() == null ? "" : " · host name " + inside.hostname())
                : "Guest agent not connected" + (state == VmStatus.RUNNING ? " (the guest has none, or it has not "
                + "started yet): addresses come from the host's DHCP leases" : ""));
        cloudInit.setText(inside.cloudInit() == VmGuest.CloudInitStatus.NOT_USED ? ""
                : "cloud-init: " + inside.cloudInit().words());
        sshCommand.setText(inside.sshCommand() == null ? "" : inside.sshCommand());
        List<String> leased = inside.addresses();
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
}
