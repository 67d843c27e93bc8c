package io.gureum.console.container;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.gureum.console.consoles.ConsoleDialog;
import io.gureum.console.consoles.ConsoleKind;
import io.gureum.console.consoles.ConsoleService;
import io.gureum.console.task.TaskService;
import io.gureum.console.ui.Formats;
import io.gureum.console.ui.LiveUpdates;
import io.gureum.console.workload.WorkloadKind;
import io.gureum.console.workload.ui.WorkloadDetailPage;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * One container: state, health with its last output, spec, host, ports, address, actions, its output followed
 * live, its resource use and its tasks. Another project's container and one that does not exist look the same.
 */
@Route("containers/:containerId")
@PageTitle("Container")
@PermitAll
public class ContainerDetailView extends WorkloadDetailPage<ContainerDetails> {

    static final Duration STATS_EVERY = Duration.ofSeconds(5);
    static final int LOG_TAIL = 200;
    /** Lines kept on the page; older ones are dropped as new ones come. */
    static final int MAX_LOG_LINES = 500;

    private final ContainerService containers;
    private final ConsoleService consoles;
    final Paragraph facts = new Paragraph();
    final Paragraph health = new Paragraph();
    final Paragraph network = new Paragraph();
    final Paragraph stats = new Paragraph();
    final Div logs = new Div();
    /** What the "Shell" button runs instead of /bin/sh, e.g. for an image without one. */
    final TextField shellCommand = new TextField();
    private Instant lastStats = Instant.EPOCH;
    private AutoCloseable following;

    public ContainerDetailView(ContainerService containers, ConsoleService consoles, TaskService tasks, Clock clock,
                               LiveUpdates liveUpdates) {
        super(WorkloadKind.CONTAINER, "Container", ContainerNotFoundException.class, containers::inspect, tasks, clock,
                liveUpdates);
        this.containers = containers;
        this.consoles = consoles;
    }

    @Override
    protected void leaving() {
        stopFollowing();
    }

    @Override
    protected void build(ContainerDetails details) {
        ContainerSummary c = details.summary();
        facts.setId("container-facts");
        health.setId("container-health");
        network.setId("container-network");
        stats.setId("container-stats");
        logs.setId("container-live-logs");
        logs.removeAll();
        logs.getStyle().set("font-family", "var(--lumo-font-family-monospace, monospace)")
                .set("font-size", "var(--lumo-font-size-xs)").set("max-height", "24rem").set("overflow", "auto")
                .set("background", "var(--lumo-contrast-5pct)").set("padding", "var(--lumo-space-s)");
        lastStats = Instant.EPOCH;
        add(header(c), facts, actions(), new H3("Health"), health,
                new H3("Network"), network, new H3("Resource use"), stats,
                new H3("Output (live, last " + MAX_LOG_LINES + " lines)"), logs,
                taskList(c));
        refresh(details);
        if (isAttached()) {
            getUI().ifPresent(this::startFollowing);
        }
    }

    private HorizontalLayout actions() {
        shellCommand.setId("container-shell-command");
        shellCommand.setPlaceholder("/bin/sh");
        shellCommand.setTooltipText("What \"Shell\" runs: words split at spaces, quotes keep spaces; no shell reads it");
        shellCommand.setMaxLength(ContainerService.MAX_COMMAND);
        shellCommand.setClearButtonVisible(true);
        return new HorizontalLayout(
                action("Start", () -> containers.start(id)),
                action("Stop", () -> containers.stop(id)),
                action("Restart", () -> containers.restart(id)),
                shellCommand,
                action("Shell", () -> {
                    String typed = shellCommand.getValue();
                    try {
                        if (!typed.isBlank()) {
                            containers.shellCommand(typed);
                        }
                        shellCommand.setInvalid(false);
                    } catch (ContainerValidationException bad) {
                        shellCommand.setErrorMessage(bad.getMessage());
                        shellCommand.setInvalid(true);
                        return null;
                    }
                    new ConsoleDialog(consoles, ConsoleKind.CONTAINER_SHELL, id,
                            (typed.isBlank() ? "Shell" : typed.strip()) + " in " + title.getText(), typed).open();
                    return null;
                }),
                action("Attach to output", () -> {
                    new ConsoleDialog(consoles, ConsoleKind.CONTAINER_OUTPUT, id, "Output of " + title.getText()).open();
                    return null;
                }),
                deleteButton("container", "It is stopped and removed from its host. This cannot be undone.",
                        () -> containers.delete(id)));
    }

    @Override
    protected void refresh(ContainerDetails details) {
        ContainerSummary c = details.summary();
        ContainerStatus state = c.state();
        boolean onHost = c.engineId() != null && state != ContainerStatus.DELETING;
        boolean stopped = state == ContainerStatus.STOPPED || state == ContainerStatus.EXITED;
        boolean running = state == ContainerStatus.RUNNING || state == ContainerStatus.PAUSED;
        button("Start").setEnabled(onHost && stopped);
        button("Stop").setEnabled(onHost && running);
        button("Restart").setEnabled(onHost && (running || stopped));
        button("Shell").setEnabled(onHost && state == ContainerStatus.RUNNING);
        button("Attach to output").setEnabled(onHost && state == ContainerStatus.RUNNING);
        button("Delete").setEnabled(state != ContainerStatus.PROVISIONING && state != ContainerStatus.DELETING);
        showState(c, c.stateReason());
        facts.setText("Image " + c.image() + " · command " + (c.command() == null ? "(the image's own)"
                : ShellQuoting.shCommand(c.command())) + " · " + ContainersView.cpus(c.cpus()) + " CPU"
                + (c.cpus() == 1 ? "" : "s") + " · " + Formats.bytes(c.memoryMib() << 20) + " memory · restart "
                + c.restartPolicy() + " · host " + (c.hostName() == null ? "not placed" : c.hostName())
                + " · owner " + c.owner() + " · created " + Formats.ago(c.createdAt(), clock.instant())
                + (c.stateReason() == null ? "" : " · " + c.stateReason())
                + (c.errorMessage() == null ? "" : " · error: " + c.errorMessage())
                + (details.exitCode() == null || running ? "" : " · exit code " + details.exitCode())
                + (details.restartCount() > 0 ? " · restarted " + details.restartCount() + " times" : "")
                + (details.oomKilled() ? " · killed: out of memory" : ""));
        String status = details.health() == null ? "unknown" : details.health();
        health.removeAll();
        if (status.equals("none")) {
            health.add(new Span("No health check."));
        } else {
            Span badge = new Span(status);
            badge.getElement().getThemeList().add(switch (status) {
                case "healthy" -> "badge success";
                case "unhealthy" -> "badge error";
                default -> "badge";
            });
            badge.setId("container-health-status");
            health.add(badge);
            if (details.failingStreak() > 0) {
                health.add(new Span(" · failing " + details.failingStreak() + " in a row"));
            }
            if (details.healthCheckedAt() != null) {
                health.add(new Span(" · checked " + Formats.ago(details.healthCheckedAt(), clock.instant())));
            }
            if (details.healthOutput() != null && !details.healthOutput().isBlank()) {
                Pre output = new Pre(details.healthOutput().strip());
                output.setId("container-health-output");
                output.getStyle().set("margin", "var(--lumo-space-xs) 0").set("white-space", "pre-wrap");
                health.add(output);
            }
        }
        network.setText("Ports " + (details.ports().isEmpty() ? "none published" : String.join(", ",
                details.ports())) + " · IP address " + (details.ipAddress() == null || details.ipAddress().isBlank()
                ? "none" : details.ipAddress()));
        if (Duration.between(lastStats, clock.instant()).compareTo(STATS_EVERY) >= 0) {
            lastStats = clock.instant();
            refreshStats(running);
        }
    }

    private void refreshStats(boolean running) {
        if (!running) {
            stats.setText("Not running: no resource use to show.");
            return;
        }
        try {
            stats.setText(containers.stats(id).map(ContainerDetailView::statsText)
                    .orElse("Not running: no resource use to show."));
        } catch (RuntimeException unreachable) {
            stats.setText("Could not read its resource use: " + unreachable.getMessage());
        }
    }

    static String statsText(ContainerStatsSample s) {
        return String.format(Locale.ROOT, "CPU %.1f %%", s.cpuPercent()) + " · memory "
                + Formats.bytes(s.memoryUsedBytes()) + (s.memoryLimitBytes() > 0 ? " of "
                + Formats.bytes(s.memoryLimitBytes()) : "") + " · network rx " + Formats.bytes(s.networkRxBytes())
                + " / tx " + Formats.bytes(s.networkTxBytes()) + " · block read " + Formats.bytes(s.blockReadBytes())
                + " / write " + Formats.bytes(s.blockWriteBytes());
    }

    /** Follows the output from the last {@value #LOG_TAIL} lines on; lines come on a driver thread. */
    private void startFollowing(UI ui) {
        stopFollowing();
        if (id == null) {
            return;
        }
        logs.removeAll();
        try {
            following = containers.followLogs(id, LOG_TAIL, line -> ui.access(() -> append(line)));
        } catch (RuntimeException unreachable) {
            logs.add(new Paragraph("Could not follow the output: " + unreachable.getMessage()));
        }
    }

    void append(ContainerLogLine line) {
        logs.add(logLine(line));
        while (logs.getComponentCount() > MAX_LOG_LINES) {
            logs.remove(logs.getComponentAt(0));
        }
    }

    /** One output line: its time (when the engine gave one), its stream, its text; stderr in the error colour. */
    static Pre logLine(ContainerLogLine line) {
        String time = line.timestamp() == null ? " ".repeat(Formats.TIME.format(java.time.Instant.EPOCH).length())
                : Formats.time(line.timestamp());
        Pre text = new Pre(time + " " + (line.stderr() ? "stderr │ " : "       │ ") + line.text());
        text.getStyle().set("margin", "0").set("white-space", "pre-wrap");
        if (line.timestamp() != null) {
            text.getElement().setAttribute("data-time", line.timestamp().toString());
        }
        if (line.stderr()) {
            text.getStyle().set("color", "var(--lumo-error-text-color)");
            text.getElement().setAttribute("data-stream", "stderr");
        }
        return text;
    }

    private void stopFollowing() {
        if (following != null) {
            try {
                following.close();
            } catch (Exception ignored) {
                // the stream is gone already
            }
            following = null;
        }
    }

    @Override
    protected void onAttach(AttachEvent event) {
        startFollowing(event.getUI());
        super.onAttach(event);
    }

    @Override
    protected void onDetach(DetachEvent event) {
        stopFollowing();
        super.onDetach(event);
    }
}
