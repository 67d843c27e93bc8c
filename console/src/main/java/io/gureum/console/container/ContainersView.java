package io.gureum.console.container;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.gureum.console.host.HostService;
import io.gureum.console.project.ProjectAccess;
import io.gureum.console.project.ProjectService;
import io.gureum.console.quota.QuotaService;
import io.gureum.console.quota.ResourceAmounts;
import io.gureum.console.system.Echo;
import io.gureum.console.ui.FieldErrors;
import io.gureum.console.ui.Formats;
import io.gureum.console.ui.LiveUpdates;
import io.gureum.console.ui.RowActions;
import io.gureum.console.workload.WorkloadFilter;
import io.gureum.console.workload.WorkloadKind;
import io.gureum.console.workload.ui.CreateWorkloadDialog;
import io.gureum.console.workload.ui.WorkloadActions;
import io.gureum.console.workload.ui.WorkloadFilters;
import io.gureum.console.workload.ui.WorkloadListPage;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Containers of the caller's projects: create, start, stop, restart, delete, read their logs. */
@Route("containers")
@PageTitle("Containers")
@Menu(title = "Containers", order = 20, icon = "vaadin:cubes")
@PermitAll
public class ContainersView extends WorkloadListPage<ContainerSummary, UnmanagedContainer> {

    static final int LOG_LINES = 200;

    private final ContainerService containers;
    private final ProjectAccess access;
    private final QuotaService quotas;
    final WorkloadFilters<ContainerStatus> filters;
    WorkloadFilter<ContainerStatus> filter = WorkloadFilter.any();

    public ContainersView(ContainerService containers, ProjectService projects, ProjectAccess access,
                          QuotaService quotas, HostService hosts, Clock clock, LiveUpdates liveUpdates) {
        super(WorkloadKind.CONTAINER, "Create container", projects, clock, liveUpdates);
        create.addClickListener(click -> new CreateContainerDialog().open());
        this.quotas = quotas;
        this.containers = containers;
        this.access = access;
        columns.name("7rem");
        columns.project("7rem");
        columns.state(c -> c.stateReason() == null ? "" : c.stateReason());
        columns.column(c -> c.health() == null ? "" : c.health().toLowerCase(), "Health", "6rem", 0);
        columns.host("6rem");
        columns.column(c -> cpus(c.cpus()), "CPUs", "4.5rem", 0);
        columns.column(c -> Formats.bytes(c.memoryMib() << 20), "Memory", "6.5rem", 0);
        columns.column(ContainersView::ports, "Ports", "8rem", 1);
        columns.age();
        columns.actions(new ComponentRenderer<>(this::actions));
        details(c -> c.state() == ContainerStatus.ERROR ? "Error: " + c.errorMessage()
                : "State reason: " + (c.stateReason() == null ? "-" : c.stateReason()) + " · image "
                + c.image() + (c.command() == null ? "" : " · command " + ShellQuoting.shCommand(c.command()))
                + " · restart " + c.restartPolicy() + " · owner " + c.owner());
        // the same filters as the VMs', and the database pages: a list of 10,000 containers never loads them all
        filters = new WorkloadFilters<>("container-filter", projects.visibleProjects(),
                java.util.Arrays.stream(ContainerStatus.values()).filter(st -> st != ContainerStatus.DELETED).toList(),
                hosts.forPlacement().stream().filter(h -> h.containerEndpoint() != null).toList(), this::applyFilter);
        add(heading("Containers"), filters, grid);
        grid.setItems(query -> containers.page(filter, query.getOffset(), query.getLimit()).stream(),
                query -> containers.count(filter));
        if (access.isAdmin()) {
            unmanagedSection("Containers made by hand on a host's engine, unknown to the console. Adopting one counts "
                    + "one container, its CPU limit rounded up (1 when it has none) and its memory limit ("
                    + ContainerService.ASSUMED_UNLIMITED_MEMORY_MIB + " MiB assumed when it has none) against the "
                    + "project's quota.", g -> {
                        g.addColumn(UnmanagedContainer::hostName).setHeader("Host");
                        g.addColumn(UnmanagedContainer::name).setHeader("Container");
                        g.addColumn(UnmanagedContainer::image).setHeader("Image");
                        g.addColumn(u -> u.state().name().toLowerCase()).setHeader("State");
                        g.addColumn(u -> u.status() == null ? "" : u.status()).setHeader("Status");
                    }, null, u -> adoptDialog(u.name(), u.hostName(),
                            project -> containers.adopt(u.hostId(), u.engineId(), project)).open(),
                    containers::unmanaged);
        }
        reload();
    }

    @Override
    protected void reload() {
        columns.reloadProjectNames();
        grid.getDataProvider().refreshAll();
    }

    void applyFilter() {
        filter = new WorkloadFilter<>(filters.projectId(), filters.state.getValue(), filters.hostId(),
                filters.nameContains());
        reload();
    }

    static final String HEALTH_NONE = "none";
    static final String HEALTH_COMMAND = "command";
    static final String HEALTH_HTTP = "HTTP GET";

    /**
     * KEY=value lines as a map, in order; blank lines and lines starting with '#' are skipped. Names are
     * checked by the service; a line without '=' is refused here.
     */
    static Map<String, String> parseEnv(String text) {
        Map<String, String> env = new LinkedHashMap<>();
        if (text == null) {
            return env;
        }
        for (String line : text.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new ContainerValidationException("env", "Environment line " + Echo.quoted(trimmed)
                        + " is not KEY=value.");
            }
            env.put(line.substring(0, eq).strip(), line.substring(eq + 1));
        }
        return env;
    }

    static String cpus(double cpus) {
        return cpus == Math.rint(cpus) ? Integer.toString((int) cpus) : Double.toString(cpus);
    }

    static String ports(ContainerSummary c) {
        if (c.containerPort() == null) {
            return "";
        }
        return (c.hostPort() == null ? "?" : "127.0.0.1:" + c.hostPort()) + " → " + c.containerPort() + "/tcp";
    }

    private RowActions actions(ContainerSummary c) {
        boolean stopped = c.state() == ContainerStatus.STOPPED || c.state() == ContainerStatus.EXITED;
        boolean running = c.state() == ContainerStatus.RUNNING || c.state() == ContainerStatus.PAUSED;
        RowActions menu = new RowActions("Actions for container " + c.name());
        menu.action("Start", stopped, () -> run(() -> containers.start(c.id())));
        menu.action("Stop", running, () -> run(() -> containers.stop(c.id())));
        menu.action("Restart", running || stopped, () -> run(() -> containers.restart(c.id())));
        menu.action("Logs", c.engineId() != null, () -> new LogsDialog(c).open());
        menu.dangerous("Delete…", c.state() != ContainerStatus.PROVISIONING && c.state() != ContainerStatus.DELETING,
                () -> WorkloadActions.confirmDelete("container", c.name(),
                        "It is stopped and removed from its host. This cannot be undone.",
                        () -> run(() -> containers.delete(c.id()))));
        return menu;
    }

    /** The last lines of a container's output; stderr lines are marked. */
    final class LogsDialog extends Dialog {

        final Div lines = new Div();

        LogsDialog(ContainerSummary c) {
            setHeaderTitle("Logs of " + c.name() + " (last " + LOG_LINES + " lines)");
            setWidth("80vw");
            lines.setId("container-logs");
            lines.getStyle().set("font-family", "var(--lumo-font-family-monospace, monospace)")
                    .set("font-size", "var(--lumo-font-size-s)").set("max-height", "60vh").set("overflow", "auto");
            add(lines);
            getFooter().add(new Button("Refresh", click -> load(c)), new Button("Close", click -> close()));
            load(c);
        }

        void load(ContainerSummary c) {
            lines.removeAll();
            try {
                List<ContainerLogLine> logs = containers.logs(c.id(), LOG_LINES);
                if (logs.isEmpty()) {
                    lines.add(new Paragraph("No output yet."));
                }
                for (ContainerLogLine line : logs) {
                    lines.add(ContainerDetailView.logLine(line));
                }
            } catch (RuntimeException e) {
                lines.add(new Paragraph("Could not read the logs: " + e.getMessage()));
            }
        }
    }

    /** Name, project, image, command, CPUs, memory, restart policy and an optional published port. */
    final class CreateContainerDialog extends CreateWorkloadDialog {

        final Select<String> image = new Select<>();
        final TextField command = new TextField("Command");
        final NumberField cpus = new NumberField("CPUs");
        final IntegerField memoryMib = new IntegerField("Memory (MiB)");
        final Select<String> restart = new Select<>();
        final IntegerField port = new IntegerField("Container port");
        final TextArea env = new TextArea("Environment");
        final Select<String> healthKind = new Select<>();
        final TextField healthCommand = new TextField("Health check command");
        final IntegerField healthPort = new IntegerField("Health check port");
        final TextField healthPath = new TextField("Health check path");
        final IntegerField healthInterval = new IntegerField("Check every (s)");
        final IntegerField healthTimeout = new IntegerField("Timeout (s)");
        final IntegerField healthRetries = new IntegerField("Retries");

        CreateContainerDialog() {
            super("Create container", "container", ContainerService.NAME_RULE.rule(), "a container", projects,
                    access.isAdmin());
            List<String> available = containers.images();
            image.setLabel("Image");
            image.setItems(available);
            if (available.contains(ContainerService.DEFAULT_IMAGE)) {
                image.setValue(ContainerService.DEFAULT_IMAGE);
            } else if (!available.isEmpty()) {
                image.setValue(available.getFirst());
            }
            command.setHelperText("run as: sh -c <command>; empty for the image's own");
            command.setMaxLength(ContainerService.MAX_COMMAND);
            cpus.setValue(0.5);
            cpus.setMin(ContainerService.MIN_CPUS);
            cpus.setMax(ContainerService.MAX_CPUS);
            cpus.setStep(0.1);
            cpus.setStepButtonsVisible(true);
            memoryMib.setValue(128);
            memoryMib.setMin((int) ContainerService.MIN_MEMORY_MIB);
            memoryMib.setMax((int) ContainerService.MAX_MEMORY_MIB);
            memoryMib.setStep(16);
            memoryMib.setStepButtonsVisible(true);
            restart.setLabel("Restart policy");
            restart.setItems(ContainerService.RESTART_POLICIES);
            restart.setValue("no");
            port.setHelperText("optional: published on an automatic port of 127.0.0.1");
            port.setMin(1);
            port.setMax(65535);
            cpus.addValueChangeListener(change -> showQuota());
            memoryMib.addValueChangeListener(change -> showQuota());
            errors.field("image", image).field("command", command)
                    .field("cpus", cpus).field("memoryMib", memoryMib).field("restartPolicy", restart)
                    .field("containerPort", port).field("env", env).field("healthKind", healthKind)
                    .field("healthCommand", healthCommand).field("healthPort", healthPort)
                    .field("healthPath", healthPath).field("healthInterval", healthInterval)
                    .field("healthTimeout", healthTimeout).field("healthRetries", healthRetries);
            env.setHelperText("one KEY=value a line; names are letters, digits and '_'");
            env.setPlaceholder("GREETING=hello");
            healthKind.setLabel("Health check");
            healthKind.setItems(HEALTH_NONE, HEALTH_COMMAND, HEALTH_HTTP);
            healthKind.setValue(HEALTH_NONE);
            healthCommand.setHelperText("run as: sh -c <command>; exit 0 is healthy");
            healthCommand.setMaxLength(ContainerService.MAX_COMMAND);
            healthPort.setMin(1);
            healthPort.setMax(65535);
            healthPath.setValue("/");
            healthPath.setHelperText("a 2xx or 3xx answer is healthy");
            healthInterval.setValue(10);
            healthInterval.setMin(1);
            healthTimeout.setValue(5);
            healthTimeout.setMin(1);
            healthRetries.setValue(3);
            healthRetries.setMin(1);
            healthRetries.setMax(io.gureum.container.HealthCheck.MAX_RETRIES);
            healthKind.addValueChangeListener(change -> showHealthFields());
            showHealthFields();
            layout(new FormLayout(name, project, image, command, cpus, memoryMib, restart, port, env, healthKind,
                    healthCommand, healthPort, healthPath, healthInterval, healthTimeout, healthRetries));
        }

        private void showHealthFields() {
            String kind = healthKind.getValue();
            healthCommand.setVisible(HEALTH_COMMAND.equals(kind));
            healthPort.setVisible(HEALTH_HTTP.equals(kind));
            healthPath.setVisible(HEALTH_HTTP.equals(kind));
            boolean any = !HEALTH_NONE.equals(kind);
            healthInterval.setVisible(any);
            healthTimeout.setVisible(any);
            healthRetries.setVisible(any);
        }

        /** The chosen health check, or null for none. */
        NewHealthCheck healthCheck() {
            String kind = healthKind.getValue();
            int interval = healthInterval.getValue() == null ? 0 : healthInterval.getValue();
            int timeout = healthTimeout.getValue() == null ? 0 : healthTimeout.getValue();
            int retries = healthRetries.getValue() == null ? 0 : healthRetries.getValue();
            if (HEALTH_COMMAND.equals(kind)) {
                if (healthCommand.getValue().isBlank()) {
                    throw new ContainerValidationException("healthCommand", "Enter the health check's command.");
                }
                return NewHealthCheck.command(healthCommand.getValue(), interval, timeout, retries);
            }
            if (HEALTH_HTTP.equals(kind)) {
                if (healthPort.getValue() == null) {
                    throw new ContainerValidationException("healthPort", "Enter the health check's port.");
                }
                return NewHealthCheck.httpGet(healthPort.getValue(), healthPath.getValue(), interval, timeout,
                        retries);
            }
            return null;
        }

        /** "This container uses 1 of your remaining 4 container CPUs, ..." for the chosen project. */
        @Override
        protected void showQuota() {
            if (project.getValue() == null) {
                quotaHint.setText("");
                return;
            }
            // Only figures the container can have: a negative or overflowing entry is the field's error.
            Double wanted = cpus.getValue();
            boolean cpusOk = wanted != null && wanted >= ContainerService.MIN_CPUS
                    && wanted <= ContainerService.MAX_CPUS;
            var memory = FieldErrors.inRange(memoryMib, ContainerService.MIN_MEMORY_MIB,
                    ContainerService.MAX_MEMORY_MIB);
            if (!cpusOk || memory.isEmpty()) {
                quotaHint.setText("Enter " + (cpusOk ? "" : ContainerService.MIN_CPUS + " to "
                        + (int) ContainerService.MAX_CPUS + " CPUs") + (!cpusOk && memory.isEmpty() ? " and " : "")
                        + (memory.isEmpty() ? ContainerService.MIN_MEMORY_MIB + " to "
                        + ContainerService.MAX_MEMORY_MIB + " MiB of memory" : "")
                        + " to see what the container uses of the project's quota.");
                return;
            }
            ResourceAmounts left = quotas.remaining(project.getValue().id());
            quotaHint.setText("This container uses " + (int) Math.ceil(wanted) + " of your remaining "
                    + left.containerCpus() + " container CPUs (rounded up), "
                    + memory.get() + " of " + left.containerMemoryMib()
                    + " MiB container memory and 1 of " + left.containers() + " containers in "
                    + project.getValue().name() + ".");
        }

        @Override
        protected void submit() {
            if (!chosen(image.getValue(), "image",
                    "There is no image on any container engine to create a container from.")) {
                return;
            }
            boolean health = !HEALTH_NONE.equals(healthKind.getValue());
            boolean readable = errors.number("cpus", cpus, ContainerService.MIN_CPUS, (int) ContainerService.MAX_CPUS,
                    true);
            readable &= errors.number("memoryMib", memoryMib, ContainerService.MIN_MEMORY_MIB,
                    ContainerService.MAX_MEMORY_MIB, true);
            readable &= errors.number("containerPort", port, 1, 65535, false);
            readable &= !HEALTH_HTTP.equals(healthKind.getValue()) || errors.number("healthPort", healthPort, 1,
                    65535, false);
            readable &= !health || errors.number("healthInterval", healthInterval, 1,
                    ContainerService.MAX_HEALTH_INTERVAL_SECONDS, true);
            readable &= !health || errors.number("healthTimeout", healthTimeout, 1,
                    ContainerService.MAX_HEALTH_INTERVAL_SECONDS, true);
            readable &= !health || errors.number("healthRetries", healthRetries, 1,
                    io.gureum.container.HealthCheck.MAX_RETRIES, true);
            if (!readable) {
                return;
            }
            create(() -> containers.create(new NewContainer(name.getValue(), project.getValue().id(),
                    image.getValue(), command.getValue(), parseEnv(env.getValue()), cpus.getValue(),
                    memoryMib.getValue(), restart.getValue(), port.getValue(), healthCheck())),
                    ContainersView.this::reload);
        }
    }
}
