package io.gureum.console.vm;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.data.renderer.LitRenderer;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;
import io.gureum.console.ui.LiveUpdates;
import io.gureum.console.host.HostService;
import io.gureum.console.host.HostSummary;
import io.gureum.console.image.BootImage;
import io.gureum.console.image.ImageCatalog;
import io.gureum.console.image.InstanceSize;
import io.gureum.console.project.NoProjectNotice;
import io.gureum.console.project.ProjectAccess;
import io.gureum.console.project.ProjectService;
import io.gureum.console.project.ProjectSummary;
import io.gureum.console.quota.QuotaExceededException;
import io.gureum.console.quota.QuotaService;
import io.gureum.console.quota.ResourceAmounts;
import io.gureum.console.ui.FieldErrors;
import io.gureum.console.ui.Formats;
import io.gureum.console.ui.RowActions;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Virtual machines of the caller's projects: create, start, shut down, force off, delete. */
@Route("vms")
@PageTitle("Virtual machines")
@Menu(title = "Virtual machines", order = 10, icon = "vaadin:desktop")
@PermitAll
public class VirtualMachinesView extends Main {

    static final int POLL_MILLIS = 2_000;
    /** Without VM events the grid is still re-read every 15 polls (30 s). */
    static final int FULL_RELOAD_POLLS = 15;

    final Grid<VmSummary> grid = new Grid<>();
    final Button create = new Button("Create VM");
    final ComboBox<ProjectSummary> projectFilter = new ComboBox<>("Project");
    final ComboBox<VmStatus> stateFilter = new ComboBox<>("State");
    final ComboBox<HostSummary> hostFilter = new ComboBox<>("Host");
    final TextField nameFilter = new TextField("Name");
    /** Admins only: domains on the hosts that no VM row knows, to adopt into a project. */
    final Grid<UnmanagedVm> unmanagedGrid = new Grid<>();
    final com.vaadin.flow.component.html.H3 unmanagedTitle = new com.vaadin.flow.component.html.H3("Unmanaged on hosts");
    final Button refreshUnmanaged = new Button("Look again");
    VmFilter filter = VmFilter.ANY;
    /** First leased address of RUNNING VMs, read once per refresh (one libvirt call per VM, not per render). */
    private final Map<java.util.UUID, String> addressCache = new java.util.concurrent.ConcurrentHashMap<>();
    private final VmService vms;
    private final ProjectService projects;
    private final ProjectAccess access;
    private final ImageCatalog images;
    private final HostService hosts;
    private final QuotaService quotas;
    private Map<Long, String> projectNames = Map.of();
    private final LiveUpdates liveUpdates;
    private Registration updates;
    private final VmStateFeed feed;
    private long shownVersion = -1;
    private int quietPolls;

    public VirtualMachinesView(VmService vms, ProjectService projects, ProjectAccess access, ImageCatalog images,
                               HostService hosts, QuotaService quotas, VmStateFeed feed, Clock clock,
                               LiveUpdates liveUpdates) {
        this.feed = feed;
        this.quotas = quotas;
        this.liveUpdates = liveUpdates;
        this.vms = vms;
        this.projects = projects;
        this.access = access;
        this.images = images;
        this.hosts = hosts;
        getStyle().set("padding", "var(--lumo-space-m)");

        grid.setId("vms-grid");
        // Lit renderers, not component columns: a row is a few strings in the browser, not a tree of server-side
        // components (link, badge, four buttons) that every open session keeps for every rendered row.
        // Widths that fit a 1366-pixel screen with the navigation open; long values wrap instead of widening the table.
        grid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.addColumn(LitRenderer.<VmSummary>of("<a href=\"vms/${item.id}\" router-link>${item.name}</a>")
                .withProperty("id", vm -> vm.id().toString()).withProperty("name", VmSummary::name)).setHeader("Name")
                .setWidth("8rem").setFlexGrow(1);
        grid.addColumn(vm -> projectNames.getOrDefault(vm.projectId(), "#" + vm.projectId())).setHeader("Project")
                .setWidth("8rem").setFlexGrow(1);
        grid.addColumn(LitRenderer.<VmSummary>of("<span theme=\"${item.theme}\" title=\"${item.reason}\">"
                        + "${item.state}</span>")
                .withProperty("state", vm -> vm.state().name().toLowerCase())
                .withProperty("theme", vm -> badgeTheme(vm.state()))
                .withProperty("reason", vm -> reasonInWords(vm, ""))).setHeader("State").setWidth("7.5rem")
                .setFlexGrow(0);
        grid.addColumn(vm -> vm.hostName() == null ? "" : vm.hostName()).setHeader("Host").setWidth("7rem")
                .setFlexGrow(1);
        grid.addColumn(VmSummary::vcpus).setHeader("vCPUs").setWidth("5rem").setFlexGrow(0);
        grid.addColumn(vm -> Formats.bytes(vm.memoryMib() << 20)).setHeader("Memory").setWidth("6.5rem").setFlexGrow(0);
        grid.addColumn(this::firstAddress).setHeader("IP").setWidth("10.5rem").setFlexGrow(0);
        grid.addColumn(vm -> Formats.ago(vm.createdAt(), clock.instant())).setHeader("Age").setWidth("6.5rem")
                .setFlexGrow(0);
        grid.addColumn(actionsRenderer()).setHeader("Actions").setWidth("5.5rem").setFlexGrow(0);
        grid.setItemDetailsRenderer(new com.vaadin.flow.data.renderer.ComponentRenderer<>(vm -> new Paragraph(
                vm.state() == VmStatus.ERROR ? "Error: " + vm.errorMessage()
                        : "State reason: " + reasonInWords(vm, "-") + " · image "
                        + vm.imageId() + " · owner " + vm.owner())));
        grid.setDetailsVisibleOnClick(true);

        create.setId("create-vm");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.addClickListener(click -> new CreateVmDialog().open());

        add(new HorizontalLayout(new H2("Virtual machines"), create), filters(), grid);
        grid.setItems(query -> vms.page(filter, query.getOffset(), query.getLimit()).stream(),
                query -> vms.count(filter));
        if (access.isAdmin()) {
            add(unmanagedSection());
        }
        reload();
    }

    void reload() {
        shownVersion = feed.version();
        quietPolls = 0;
        projectNames = projects.visibleProjects().stream()
                .collect(Collectors.toMap(ProjectSummary::id, ProjectSummary::name, (a, b) -> a));
        addressCache.clear();
        grid.getDataProvider().refreshAll();
    }

    /** Project, state, host and name filters; each change narrows the paged query. */
    private HorizontalLayout filters() {
        projectFilter.setId("vm-filter-project");
        projectFilter.setItems(projects.visibleProjects());
        projectFilter.setItemLabelGenerator(ProjectSummary::name);
        projectFilter.setClearButtonVisible(true);
        projectFilter.setPlaceholder("any");
        stateFilter.setId("vm-filter-state");
        stateFilter.setItems(java.util.Arrays.stream(VmStatus.values()).filter(st -> st != VmStatus.DELETED).toList());
        stateFilter.setItemLabelGenerator(st -> st.name().toLowerCase());
        stateFilter.setClearButtonVisible(true);
        stateFilter.setPlaceholder("any");
        hostFilter.setId("vm-filter-host");
        hostFilter.setItems(hosts.forPlacement());
        hostFilter.setItemLabelGenerator(HostSummary::name);
        hostFilter.setClearButtonVisible(true);
        hostFilter.setPlaceholder("any");
        nameFilter.setId("vm-filter-name");
        nameFilter.setPlaceholder("contains");
        nameFilter.setClearButtonVisible(true);
        nameFilter.setValueChangeMode(com.vaadin.flow.data.value.ValueChangeMode.LAZY);
        projectFilter.addValueChangeListener(change -> applyFilter());
        stateFilter.addValueChangeListener(change -> applyFilter());
        hostFilter.addValueChangeListener(change -> applyFilter());
        nameFilter.addValueChangeListener(change -> applyFilter());
        HorizontalLayout bar = new HorizontalLayout(projectFilter, stateFilter, hostFilter, nameFilter);
        bar.setAlignItems(com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment.BASELINE);
        return bar;
    }

    void applyFilter() {
        filter = new VmFilter(projectFilter.getValue() == null ? null : projectFilter.getValue().id(),
                stateFilter.getValue(), hostFilter.getValue() == null ? null : hostFilter.getValue().id(),
                nameFilter.getValue() == null || nameFilter.getValue().isBlank() ? null : nameFilter.getValue().strip());
        reload();
    }

    /** "192.168.122.10" from the first of the VM's leased addresses; "" when not running or unknown. */
    String firstAddress(VmSummary vm) {
        if (vm.state() != VmStatus.RUNNING) {
            return "";
        }
        return addressCache.computeIfAbsent(vm.id(), id -> {
            try {
                return vms.addresses(id).stream().findFirst()
                        .map(a -> a.substring(a.indexOf(": ") + 2).replaceFirst("/\\d+$", "")).orElse("");
            } catch (RuntimeException unknown) {
                return "";
            }
        });
    }

    private com.vaadin.flow.component.html.Div unmanagedSection() {
        unmanagedGrid.setId("unmanaged-vms-grid");
        unmanagedGrid.addColumn(UnmanagedVm::hostName).setHeader("Host");
        unmanagedGrid.addColumn(UnmanagedVm::name).setHeader("Domain");
        unmanagedGrid.addColumn(u -> u.state().name().toLowerCase()).setHeader("State");
        unmanagedGrid.addColumn(UnmanagedVm::vcpus).setHeader("vCPUs");
        unmanagedGrid.addColumn(u -> Formats.bytes(u.memoryMib() << 20)).setHeader("Memory");
        unmanagedGrid.addComponentColumn(u -> {
            Button adopt = new Button("Adopt into project…", click -> new AdoptVmDialog(u).open());
            adopt.setId("adopt-vm-" + u.domainUuid());
            adopt.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            return adopt;
        });
        unmanagedGrid.getColumns().forEach(column -> column.setAutoWidth(true).setFlexGrow(0));
        unmanagedGrid.setAllRowsVisible(true);
        refreshUnmanaged.setId("refresh-unmanaged-vms");
        refreshUnmanaged.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        refreshUnmanaged.addClickListener(click -> reloadUnmanaged());
        reloadUnmanaged();
        Paragraph hint = new Paragraph("Domains made by hand on a host, unknown to the console. Adopting one counts "
                + "its vCPUs and memory against the project's quota (not its disks: the console did not make them and "
                + "never deletes them).");
        hint.getStyle().set("color", "var(--lumo-secondary-text-color)");
        return new com.vaadin.flow.component.html.Div(new HorizontalLayout(unmanagedTitle, refreshUnmanaged), hint,
                unmanagedGrid);
    }

    /** Lists every host's domains: on attach, on "Look again" and after an adoption, not on every poll. */
    void reloadUnmanaged() {
        unmanagedGrid.setItems(vms.unmanaged());
    }

    /** Chooses the project an unmanaged domain is adopted into; a refusal (quota) is shown here. */
    final class AdoptVmDialog extends Dialog {

        final Select<ProjectSummary> project = new Select<>();
        final Paragraph error = new Paragraph();
        final Button adoptButton = new Button("Adopt");

        AdoptVmDialog(UnmanagedVm domain) {
            setHeaderTitle("Adopt " + domain.name() + " from " + domain.hostName());
            project.setLabel("Project");
            project.setId("adopt-vm-project");
            List<ProjectSummary> open = projects.visibleProjects().stream().filter(p -> !p.archived()).toList();
            project.setItems(open);
            project.setItemLabelGenerator(ProjectSummary::name);
            error.setId("adopt-vm-error");
            error.getStyle().set("color", "var(--lumo-error-text-color)");
            adoptButton.setId("adopt-vm");
            adoptButton.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            adoptButton.addClickListener(click -> {
                if (project.getValue() == null) {
                    error.setText("Choose a project.");
                    return;
                }
                try {
                    vms.adopt(domain.hostId(), domain.domainUuid(), project.getValue().id());
                    close();
                    reloadUnmanaged();
                    reload();
                } catch (RuntimeException refused) {
                    error.setText(refused.getMessage());
                }
            });
            add(new Paragraph(domain.vcpus() + " vCPUs and " + domain.memoryMib() + " MiB count against the "
                    + "project's quota, and one VM."), project, error);
            getFooter().add(new Button("Cancel", click -> close()), adoptButton);
        }
    }

    @Override
    protected void onAttach(AttachEvent event) {
        // States change on the hosts at any time; follow them without a manual reload.
        // Asking a counter is free; re-reading the page is a query per session per poll. Poll: reload when a VM event
        // happened since the last reload (task progress, actions), and now and then anyway (ages). A state observed
        // on a host shows at once (server push).
        updates = liveUpdates.follow(event.getUI(), POLL_MILLIS, () -> {
            if (feed.version() != shownVersion || ++quietPolls >= FULL_RELOAD_POLLS) {
                reload();
            }
        }, update -> update instanceof VmEvents.VmStateChanged, this::reload);
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (updates != null) {
            updates.remove();
            updates = null;
        }
    }

    static Span stateBadge(VmSummary vm) {
        Span badge = new Span(vm.state().name().toLowerCase());
        badge.getElement().getThemeList().add(badgeTheme(vm.state()));
        if (vm.stateReason() != null) {
            badge.setTitle(reasonInWords(vm, ""));
        }
        return badge;
    }

    /** libvirt's reason for the VM's state, in words. */
    static String reasonInWords(VmSummary vm, String none) {
        String words = VmStateReasons.inWords(vm.state(), vm.stateReason());
        return words == null ? none : words;
    }

    static String badgeTheme(VmStatus state) {
        return switch (state) {
            case RUNNING -> "badge success";
            case ERROR, CRASHED -> "badge error";
            case UNKNOWN -> "badge contrast";
            default -> "badge";
        };
    }

    /**
     * Start, shut down, force off and delete behind one "⋮" menu, enabled by the row's state, as one Lit template
     * (the same items as {@link io.gureum.console.ui.RowActions}, without server-side components per row).
     */
    private LitRenderer<VmSummary> actionsRenderer() {
        return LitRenderer.<VmSummary>of("<vaadin-menu-bar theme=\"tertiary-inline small\" "
                        + ".items=\"${[{text: '" + RowActions.OPEN + "', children: ["
                        + "{text: 'Start', disabled: !item.canStart, action: 'start'},"
                        + "{text: 'Shut down', disabled: !item.running, action: 'shutdown'},"
                        + "{text: 'Force off', disabled: !item.canForceOff, action: 'forceOff'},"
                        + "{text: 'Delete…', disabled: !item.canDelete, action: 'delete'}]}]}\" "
                        + "@item-selected=\"${e => act(e.detail.value.action)}\" "
                        + "aria-label=\"Actions for ${item.name}\"></vaadin-menu-bar>")
                .withProperty("name", VmSummary::name)
                .withProperty("canStart", vm -> vm.state() == VmStatus.STOPPED || vm.state() == VmStatus.CRASHED)
                .withProperty("running", vm -> vm.state() == VmStatus.RUNNING)
                .withProperty("canForceOff", vm -> vm.state() == VmStatus.RUNNING || vm.state() == VmStatus.PAUSED)
                .withProperty("canDelete", vm -> vm.state() != VmStatus.PROVISIONING
                        && vm.state() != VmStatus.DELETING)
                .withFunction("act", (vm, args) -> act(vm, args.isEmpty() ? "" : args.get(0).asString()));
    }

    /** One action from a row's menu; the service checks the caller's right and the VM's state. */
    void act(VmSummary vm, String action) {
        switch (action) {
            case "start" -> run(() -> vms.start(vm.id()));
            case "shutdown" -> run(() -> vms.shutdown(vm.id()));
            case "forceOff" -> run(() -> vms.forceOff(vm.id()));
            case "delete" -> confirmDelete(vm);
            default -> {
                // not an action of this menu: ignore what a modified client sends
            }
        }
    }

    private void confirmDelete(VmSummary vm) {
        ConfirmDialog confirm = new ConfirmDialog("Delete VM " + vm.name() + "?",
                VirtualMachine.ADOPTED_IMAGE.equals(vm.imageId())
                        ? "It is powered off and removed from its host. It was adopted: its disks were not made by "
                        + "the console and stay on the host. This cannot be undone."
                        : "It is powered off and removed from its host with its disk. This cannot be undone.",
                "Delete",
                yes -> run(() -> vms.delete(vm.id())));
        confirm.setCancelable(true);
        confirm.setConfirmButtonTheme("error primary");
        confirm.open();
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

    /** The "custom" choice of the size select: vCPUs and memory as typed. */
    static final InstanceSize CUSTOM_SIZE = new InstanceSize(null, "custom", 0, 0, 0);

    /** Name, project, image, size (preset or custom vCPUs and memory) and (for admins) the host. */
    final class CreateVmDialog extends Dialog {

        final TextField name = new TextField("Name");
        final Select<ProjectSummary> project = new Select<>();
        final Select<BootImage> image = new Select<>();
        final Select<InstanceSize> size = new Select<>();
        private boolean applyingSize;
        final IntegerField vcpus = new IntegerField("vCPUs");
        final IntegerField memoryMib = new IntegerField("Memory (MiB)");
        final ComboBox<HostSummary> host = new ComboBox<>("Host");
        final Select<String> network = new Select<>();
        /** Refusals next to their fields; the rest (quota, no project) at the top of the dialog. */
        final FieldErrors errors = new FieldErrors();
        final Paragraph error = errors.formError();
        final Paragraph quotaHint = new Paragraph();
        final Button createButton = new Button("Create");
        /** Shown instead of an empty Project field when the caller has no project to create in. */
        final NoProjectNotice noProject;

        CreateVmDialog() {
            setHeaderTitle("Create virtual machine");
            name.setId("vm-name");
            name.setRequired(true);
            name.setHelperText(VmService.NAME_RULE.rule());
            List<ProjectSummary> mine = projects.projectsToCreateIn();
            project.setLabel("Project");
            project.setId("vm-project");
            project.setItems(mine);
            project.setItemLabelGenerator(ProjectSummary::name);
            if (!mine.isEmpty()) {
                project.setValue(mine.getFirst()); // the only one, or the first of several
            }
            noProject = new NoProjectNotice(projects, access.isAdmin(), "a VM", made -> {
                project.setItems(List.of(made));
                project.setValue(made);
                createButton.setEnabled(true);
            });
            noProject.setVisible(mine.isEmpty());
            createButton.setEnabled(!mine.isEmpty());
            image.setLabel("Image");
            image.setItems(images.bootImages());
            image.setItemLabelGenerator(BootImage::name);
            images.bootImages().stream().findFirst().ifPresent(image::setValue);
            size.setLabel("Size");
            List<InstanceSize> presets = new java.util.ArrayList<>(images.instanceSizes());
            presets.add(CUSTOM_SIZE);
            size.setItems(presets);
            size.setItemLabelGenerator(s -> s == CUSTOM_SIZE ? "custom" : s.label());
            size.setValue(CUSTOM_SIZE);
            size.addValueChangeListener(change -> {
                if (change.getValue() != null && change.getValue() != CUSTOM_SIZE) {
                    applyingSize = true;
                    vcpus.setValue(change.getValue().vcpus());
                    memoryMib.setValue((int) change.getValue().memoryMib());
                    applyingSize = false;
                    showQuota();
                }
            });
            vcpus.setValue(1);
            vcpus.setMin(1);
            vcpus.setMax(VmService.MAX_VCPUS);
            vcpus.setStepButtonsVisible(true);
            memoryMib.setValue(256);
            memoryMib.setMin((int) VmService.MIN_MEMORY_MIB);
            memoryMib.setMax((int) VmService.MAX_MEMORY_MIB);
            memoryMib.setStep(64);
            memoryMib.setStepButtonsVisible(true);
            network.setLabel("Network");
            network.setItems(vms.networks());
            vms.networks().stream().findFirst().ifPresent(network::setValue);
            network.setHelperText("the host's libvirt network of the VM's NIC");
            // Only a choice when the administrator configured more than one (gureum.vms.networks).
            network.setVisible(vms.networks().size() > 1);
            host.setItemLabelGenerator(h -> h.name() + " (" + h.statusText() + ")");
            host.setPlaceholder("automatic placement");
            host.setClearButtonVisible(true);
            host.setVisible(access.isAdmin());
            if (access.isAdmin()) {
                host.setItems(hosts.forPlacement());
            }
            quotaHint.setId("vm-quota-hint");
            quotaHint.getStyle().set("color", "var(--lumo-secondary-text-color)");
            project.addValueChangeListener(change -> showQuota());
            vcpus.addValueChangeListener(change -> sizeFollowsFields());
            memoryMib.addValueChangeListener(change -> sizeFollowsFields());
            image.addValueChangeListener(change -> showQuota());
            error.setId("create-vm-error");
            errors.field("name", name).field("project", project).field("image", image).field("vcpus", vcpus)
                    .field("memoryMib", memoryMib).field("network", network).field("host", host);

            createButton.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            createButton.addClickListener(click -> submit());
            add(error, noProject, new FormLayout(name, project, image, size, vcpus, memoryMib, network, host), quotaHint);
            showQuota();
            getFooter().add(new Button("Cancel", click -> close()), createButton);
        }

        /** Hand-edited vCPUs or memory that match no longer the chosen preset make the size "custom". */
        void sizeFollowsFields() {
            InstanceSize chosen = size.getValue();
            if (!applyingSize && chosen != null && chosen != CUSTOM_SIZE && (!java.util.Objects.equals(vcpus.getValue(), chosen.vcpus())
                    || memoryMib.getValue() == null || memoryMib.getValue() != chosen.memoryMib())) {
                size.setValue(CUSTOM_SIZE);
            }
            showQuota();
        }

        /** "This VM uses 1 of your remaining 6 vCPUs, ..." for the chosen project. */
        void showQuota() {
            if (project.getValue() == null) {
                quotaHint.setText("");
                return;
            }
            // Only figures the VM can have: a negative or overflowing entry is the field's error, not a preview.
            var cpus = FieldErrors.inRange(vcpus, 1, VmService.MAX_VCPUS);
            var memory = FieldErrors.inRange(memoryMib, VmService.MIN_MEMORY_MIB, VmService.MAX_MEMORY_MIB);
            if (cpus.isEmpty() || memory.isEmpty()) {
                quotaHint.setText("Enter " + (cpus.isEmpty() ? "1 to " + VmService.MAX_VCPUS + " vCPUs" : "")
                        + (cpus.isEmpty() && memory.isEmpty() ? " and " : "")
                        + (memory.isEmpty() ? VmService.MIN_MEMORY_MIB + " to " + VmService.MAX_MEMORY_MIB
                        + " MiB of memory" : "") + " to see what the VM uses of the project's quota.");
                return;
            }
            ResourceAmounts left = quotas.remaining(project.getValue().id());
            int disk = image.getValue() == null ? 0 : image.getValue().diskGib();
            quotaHint.setText("This VM uses " + cpus.get() + " of your remaining "
                    + left.vcpus() + " vCPUs, " + memory.get()
                    + " of " + left.memoryMib() + " MiB memory, " + disk + " of " + left.diskGib()
                    + " GiB disk and 1 of " + left.vms() + " VMs in " + project.getValue().name() + ".");
        }

        void submit() {
            errors.clear();
            if (project.getValue() == null || image.getValue() == null) {
                errors.show(project.getValue() == null ? "project" : "image", project.getValue() == null
                        ? "Choose a project (you need to be a member of one)."
                        : "There is no image to create a VM from: run src/host/build-test-images.sh on the console's server.");
                return;
            }
            boolean readable = errors.number("vcpus", vcpus, 1, VmService.MAX_VCPUS, true);
            if (!errors.number("memoryMib", memoryMib, VmService.MIN_MEMORY_MIB, VmService.MAX_MEMORY_MIB, true)
                    || !readable) {
                return;
            }
            try {
                vms.create(new NewVm(name.getValue(), project.getValue().id(), image.getValue().id(),
                        vcpus.getValue(), memoryMib.getValue(),
                        host.getValue() == null ? null : host.getValue().id(), network.getValue()));
                reload();
                close();
            } catch (QuotaExceededException | VmValidationException refused) {
                errors.show(refused);
            }
        }
    }
}
