package io.gureum.console.container;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.component.textfield.TextArea;
import java.util.LinkedHashMap;
import com.vaadin.flow.shared.Registration;
import io.gureum.console.ui.LiveUpdates;
import io.gureum.console.project.NoProjectNotice;
import io.gureum.console.project.ProjectAccess;
import io.gureum.console.project.ProjectService;
import io.gureum.console.project.ProjectSummary;
import io.gureum.console.quota.QuotaExceededException;
import io.gureum.console.quota.QuotaService;
import io.gureum.console.quota.ResourceAmounts;
import io.gureum.console.system.Echo;
import io.gureum.console.ui.FieldErrors;
import io.gureum.console.ui.Formats;
import io.gureum.console.ui.RowActions;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Containers of the caller's projects: create, start, stop, restart, delete, read their logs. */
@Route("containers")
@PageTitle("Containers")
@Menu(title = "Containers", order = 20, icon = "vaadin:cubes")
@PermitAll
public class ContainersView extends Main {

    static final int POLL_MILLIS = 2_000;
    static final int LOG_LINES = 200;

    final Grid<ContainerSummary> grid = new Grid<>();
    final Button create = new Button("Create container");
    /** Admins only: containers on the engines that carry no Gureum labels and no row knows, to adopt. */
    final Grid<UnmanagedContainer> unmanagedGrid = new Grid<>();
    final Button refreshUnmanaged = new Button("Look again");
    private final ContainerService containers;
    private final ProjectService projects;
    private final ProjectAccess access;
    private final QuotaService quotas;
    private Map<Long, String> projectNames = Map.of();
    private int shownRows = -1;
    private final LiveUpdates liveUpdates;
    private Registration updates;

    public ContainersView(ContainerService containers, ProjectService projects, ProjectAccess access,
                          QuotaService quotas, Clock clock, LiveUpdates liveUpdates) {
        this.quotas = quotas;
        this.liveUpdates = liveUpdates;
        this.containers = containers;
        this.projects = projects;
        this.access = access;
        getStyle().set("padding", "var(--lumo-space-m)");

        grid.setId("containers-grid");
        // Fixed widths that fit a 1366-pixel screen with the navigation open (an auto width is measured while the
        // grid may still be empty); long values wrap instead of widening the table.
        grid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.addComponentColumn(c -> new RouterLink(c.name(), ContainerDetailView.class,
                new RouteParameters("containerId", c.id().toString()))).setHeader("Name").setWidth("7rem")
                .setFlexGrow(1);
        grid.addColumn(c -> projectNames.getOrDefault(c.projectId(), "#" + c.projectId())).setHeader("Project")
                .setWidth("7rem").setFlexGrow(1);
        grid.addComponentColumn(ContainersView::stateBadge).setHeader("State").setWidth("7.5rem").setFlexGrow(0);
        grid.addColumn(c -> c.health() == null ? "" : c.health().toLowerCase()).setHeader("Health").setWidth("6rem")
                .setFlexGrow(0);
        grid.addColumn(c -> c.hostName() == null ? "" : c.hostName()).setHeader("Host").setWidth("6rem")
                .setFlexGrow(1);
        grid.addColumn(c -> cpus(c.cpus())).setHeader("CPUs").setWidth("4.5rem").setFlexGrow(0);
        grid.addColumn(c -> Formats.bytes(c.memoryMib() << 20)).setHeader("Memory").setWidth("6.5rem").setFlexGrow(0);
        grid.addColumn(ContainersView::ports).setHeader("Ports").setWidth("8rem").setFlexGrow(1);
        grid.addColumn(c -> Formats.ago(c.createdAt(), clock.instant())).setHeader("Age").setWidth("6.5rem")
                .setFlexGrow(0);
        grid.addComponentColumn(this::actions).setHeader("Actions").setWidth("5.5rem").setFlexGrow(0);
        grid.setItemDetailsRenderer(new ComponentRenderer<>(c -> new Paragraph(
                c.state() == ContainerStatus.ERROR ? "Error: " + c.errorMessage()
                        : "State reason: " + (c.stateReason() == null ? "-" : c.stateReason()) + " · image "
                        + c.image() + (c.command() == null ? "" : " · command " + ShellQuoting.shCommand(c.command()))
                        + " · restart " + c.restartPolicy() + " · owner " + c.owner())));
        grid.setDetailsVisibleOnClick(true);

        create.setId("create-container");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.addClickListener(click -> new CreateContainerDialog().open());

        add(new HorizontalLayout(new H2("Containers"), create), grid);
        if (access.isAdmin()) {
            add(unmanagedSection());
        }
        reload();
    }

    private Div unmanagedSection() {
        unmanagedGrid.setId("unmanaged-containers-grid");
        unmanagedGrid.addColumn(UnmanagedContainer::hostName).setHeader("Host");
        unmanagedGrid.addColumn(UnmanagedContainer::name).setHeader("Container");
        unmanagedGrid.addColumn(UnmanagedContainer::image).setHeader("Image");
        unmanagedGrid.addColumn(u -> u.state().name().toLowerCase()).setHeader("State");
        unmanagedGrid.addColumn(u -> u.status() == null ? "" : u.status()).setHeader("Status");
        unmanagedGrid.addComponentColumn(u -> {
            Button adopt = new Button("Adopt into project…", click -> new AdoptContainerDialog(u).open());
            adopt.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            return adopt;
        });
        unmanagedGrid.getColumns().forEach(column -> column.setAutoWidth(true).setFlexGrow(0));
        unmanagedGrid.setAllRowsVisible(true);
        refreshUnmanaged.setId("refresh-unmanaged-containers");
        refreshUnmanaged.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        refreshUnmanaged.addClickListener(click -> reloadUnmanaged());
        reloadUnmanaged();
        Paragraph hint = new Paragraph("Containers made by hand on a host's engine, unknown to the console. Adopting "
                + "one counts one container, its CPU limit rounded up (1 when it has none) and its memory limit ("
                + ContainerService.ASSUMED_UNLIMITED_MEMORY_MIB + " MiB assumed when it has none) against the "
                + "project's quota.");
        hint.getStyle().set("color", "var(--lumo-secondary-text-color)");
        return new Div(new HorizontalLayout(new com.vaadin.flow.component.html.H3("Unmanaged on hosts"),
                refreshUnmanaged), hint, unmanagedGrid);
    }

    /** Lists every engine's containers: on open, on "Look again" and after an adoption, not on every poll. */
    void reloadUnmanaged() {
        unmanagedGrid.setItems(containers.unmanaged());
    }

    /** Chooses the project an unmanaged container is adopted into; a refusal (quota) is shown here. */
    final class AdoptContainerDialog extends Dialog {

        final Select<ProjectSummary> project = new Select<>();
        final Paragraph error = new Paragraph();
        final Button adoptButton = new Button("Adopt");

        AdoptContainerDialog(UnmanagedContainer container) {
            setHeaderTitle("Adopt " + container.name() + " from " + container.hostName());
            project.setLabel("Project");
            project.setId("adopt-container-project");
            project.setItems(projects.visibleProjects().stream().filter(p -> !p.archived()).toList());
            project.setItemLabelGenerator(ProjectSummary::name);
            error.setId("adopt-container-error");
            error.getStyle().set("color", "var(--lumo-error-text-color)");
            adoptButton.setId("adopt-container");
            adoptButton.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            adoptButton.addClickListener(click -> {
                if (project.getValue() == null) {
                    error.setText("Choose a project.");
                    return;
                }
                try {
                    containers.adopt(container.hostId(), container.engineId(), project.getValue().id());
                    close();
                    reloadUnmanaged();
                    reload();
                } catch (RuntimeException refused) {
                    error.setText(refused.getMessage());
                }
            });
            add(project, error);
            getFooter().add(new Button("Cancel", click -> close()), adoptButton);
        }
    }

    void reload() {
        projectNames = projects.visibleProjects().stream()
                .collect(Collectors.toMap(ProjectSummary::id, ProjectSummary::name, (a, b) -> a));
        List<ContainerSummary> rows = containers.list();
        grid.setItems(rows);
        if (rows.size() != shownRows) {
            // Auto widths are measured from the rows shown; measure again when rows come or go, not on every poll.
            shownRows = rows.size();
            grid.recalculateColumnWidths();
        }
    }

    @Override
    protected void onAttach(AttachEvent event) {
        // States change on the engines at any time: follow them without a manual reload, at once when the state
        // sync observes a change (server push).
        updates = liveUpdates.follow(event.getUI(), POLL_MILLIS, this::reload,
                update -> update instanceof ContainerEvents.ContainerStateChanged, this::reload);
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (updates != null) {
            updates.remove();
            updates = null;
        }
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

    static Span stateBadge(ContainerSummary c) {
        Span badge = new Span(c.state().name().toLowerCase());
        badge.getElement().getThemeList().add(switch (c.state()) {
            case RUNNING -> "badge success";
            case ERROR -> "badge error";
            case UNKNOWN -> "badge contrast";
            default -> "badge";
        });
        if (c.stateReason() != null) {
            badge.setTitle(c.stateReason());
        }
        return badge;
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
                () -> {
                    ConfirmDialog confirm = new ConfirmDialog("Delete container " + c.name() + "?",
                            "It is stopped and removed from its host. This cannot be undone.", "Delete",
                            yes -> run(() -> containers.delete(c.id())));
                    confirm.setCancelable(true);
                    confirm.setConfirmButtonTheme("error primary");
                    confirm.open();
                });
        return menu;
    }

    private void run(Runnable action) {
        try {
            action.run();
            reload();
        } catch (RuntimeException refused) {
            Notification.show(refused.getMessage(), 8000, Notification.Position.BOTTOM_START)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
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
    final class CreateContainerDialog extends Dialog {

        final TextField name = new TextField("Name");
        final Select<ProjectSummary> project = new Select<>();
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
        /** Refusals next to their fields; the rest (quota, no project) at the top of the dialog. */
        final FieldErrors errors = new FieldErrors();
        final Paragraph error = errors.formError();
        final Paragraph quotaHint = new Paragraph();
        final Button createButton = new Button("Create");
        /** Shown instead of an empty Project field when the caller has no project to create in. */
        final NoProjectNotice noProject;

        CreateContainerDialog() {
            setHeaderTitle("Create container");
            name.setRequired(true);
            name.setHelperText(ContainerService.NAME_RULE.rule());
            List<ProjectSummary> mine = projects.projectsToCreateIn();
            project.setLabel("Project");
            project.setId("container-project");
            project.setItems(mine);
            project.setItemLabelGenerator(ProjectSummary::name);
            if (!mine.isEmpty()) {
                project.setValue(mine.getFirst()); // the only one, or the first of several
            }
            noProject = new NoProjectNotice(projects, access.isAdmin(), "a container", made -> {
                project.setItems(List.of(made));
                project.setValue(made);
                createButton.setEnabled(true);
            });
            noProject.setVisible(mine.isEmpty());
            createButton.setEnabled(!mine.isEmpty());
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
            quotaHint.setId("container-quota-hint");
            quotaHint.getStyle().set("color", "var(--lumo-secondary-text-color)");
            project.addValueChangeListener(change -> showQuota());
            cpus.addValueChangeListener(change -> showQuota());
            memoryMib.addValueChangeListener(change -> showQuota());
            error.setId("create-container-error");
            errors.field("name", name).field("project", project).field("image", image).field("command", command)
                    .field("cpus", cpus).field("memoryMib", memoryMib).field("restartPolicy", restart)
                    .field("containerPort", port).field("env", env).field("healthKind", healthKind)
                    .field("healthCommand", healthCommand).field("healthPort", healthPort)
                    .field("healthPath", healthPath).field("healthInterval", healthInterval)
                    .field("healthTimeout", healthTimeout).field("healthRetries", healthRetries);

            createButton.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            createButton.addClickListener(click -> submit());
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
            add(error, noProject, new FormLayout(name, project, image, command, cpus, memoryMib, restart, port, env,
                    healthKind, healthCommand, healthPort, healthPath, healthInterval, healthTimeout, healthRetries),
                    quotaHint);
            showQuota();
            getFooter().add(new Button("Cancel", click -> close()), createButton);
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
        void showQuota() {
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

        void submit() {
            errors.clear();
            if (project.getValue() == null || image.getValue() == null) {
                errors.show(project.getValue() == null ? "project" : "image", project.getValue() == null
                        ? "Choose a project (you need to be a member of one)."
                        : "There is no image on any container engine to create a container from.");
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
            try {
                containers.create(new NewContainer(name.getValue(), project.getValue().id(), image.getValue(),
                        command.getValue(), parseEnv(env.getValue()), cpus.getValue(), memoryMib.getValue(),
                        restart.getValue(), port.getValue(), healthCheck()));
                reload();
                close();
            } catch (QuotaExceededException | ContainerValidationException refused) {
                errors.show(refused);
            }
        }
    }
}
