package io.gureum.console.vm;

import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.data.renderer.LitRenderer;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.gureum.console.ui.LiveUpdates;
import io.gureum.console.host.HostService;
import io.gureum.console.host.HostSummary;
import io.gureum.console.image.BootImage;
import io.gureum.console.image.ImageCatalog;
import io.gureum.console.image.InstanceSize;
import io.gureum.console.project.ProjectAccess;
import io.gureum.console.project.ProjectService;
import io.gureum.console.project.ProjectSummary;
import io.gureum.console.quota.QuotaService;
import io.gureum.console.quota.ResourceAmounts;
import io.gureum.console.ui.FieldErrors;
import io.gureum.console.ui.Formats;
import io.gureum.console.ui.RowActions;
import io.gureum.console.workload.WorkloadKind;
import io.gureum.console.workload.ui.AdoptDialog;
import io.gureum.console.workload.ui.CreateWorkloadDialog;
import io.gureum.console.workload.ui.WorkloadActions;
import io.gureum.console.workload.ui.WorkloadFilters;
import io.gureum.console.workload.ui.WorkloadListPage;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** Virtual machines of the caller's projects: create, start, shut down, force off, delete. */
@Route("vms")
@PageTitle("Virtual machines")
@Menu(title = "Virtual machines", order = 10, icon = "vaadin:desktop")
@PermitAll
public class VirtualMachinesView extends WorkloadListPage<VmSummary, UnmanagedVm> {

    /** Without VM events the grid is still re-read every 15 polls (30 s). */
    static final int FULL_RELOAD_POLLS = 15;

    private final WorkloadFilters<VmStatus> filters;
    final ComboBox<ProjectSummary> projectFilter;
    final ComboBox<VmStatus> stateFilter;
    final ComboBox<HostSummary> hostFilter;
    final TextField nameFilter;
    VmFilter filter = VmFilter.ANY;
    /** First leased address of RUNNING VMs, read once per refresh (one libvirt call per VM, not per render). */
    private final Map<java.util.UUID, String> addressCache = new java.util.concurrent.ConcurrentHashMap<>();
    private final VmService vms;
    private final ProjectAccess access;
    private final ImageCatalog images;
    private final HostService hosts;
    private final QuotaService quotas;
    private final VmStateFeed feed;
    private final io.gureum.console.identity.SshKeyService sshKeys;
    private long shownVersion = -1;
    private int quietPolls;

    public VirtualMachinesView(VmService vms, ProjectService projects, ProjectAccess access, ImageCatalog images,
                               HostService hosts, QuotaService quotas, VmStateFeed feed, Clock clock,
                               LiveUpdates liveUpdates, io.gureum.console.identity.SshKeyService sshKeys) {
        super(WorkloadKind.VM, "Create VM", projects, clock, liveUpdates);
        this.sshKeys = sshKeys;
        create.addClickListener(click -> new CreateVmDialog().open());
        this.feed = feed;
        this.quotas = quotas;
        this.vms = vms;
        this.access = access;
        this.images = images;
        this.hosts = hosts;
        columns.name("8rem");
        columns.project("8rem");
        columns.state(vm -> reasonInWords(vm, ""));
        columns.host("7rem");
        columns.column(VmSummary::vcpus, "vCPUs", "5rem", 0);
        columns.column(vm -> Formats.bytes(vm.memoryMib() << 20), "Memory", "6.5rem", 0);
        columns.column(this::firstAddress, "IP", "10.5rem", 0);
        columns.age();
        columns.actions(actionsRenderer());
        details(vm -> vm.state() == VmStatus.ERROR ? "Error: " + vm.errorMessage()
                : "State reason: " + reasonInWords(vm, "-") + " · image " + vm.imageId() + " · owner " + vm.owner());
        filters = new WorkloadFilters<>("vm-filter", projects.visibleProjects(),
                java.util.Arrays.stream(VmStatus.values()).filter(st -> st != VmStatus.DELETED).toList(),
                hosts.forPlacement(), this::applyFilter);
        projectFilter = filters.project;
        stateFilter = filters.state;
        hostFilter = filters.host;
        nameFilter = filters.name;
        add(heading("Virtual machines"), filters, grid);
        grid.setItems(query -> vms.page(filter, query.getOffset(), query.getLimit()).stream(),
                query -> vms.count(filter));
        if (access.isAdmin()) {
            unmanagedSection("Domains made by hand on a host, unknown to the console. Adopting one counts its vCPUs "
                    + "and memory against the project's quota (not its disks: the console did not make them and never "
                    + "deletes them).",
                    g -> {
                        g.addColumn(UnmanagedVm::hostName).setHeader("Host");
                        g.addColumn(UnmanagedVm::name).setHeader("Domain");
                        g.addColumn(u -> u.state().name().toLowerCase()).setHeader("State");
                        g.addColumn(UnmanagedVm::vcpus).setHeader("vCPUs");
                        g.addColumn(u -> Formats.bytes(u.memoryMib() << 20)).setHeader("Memory");
                    }, u -> "adopt-vm-" + u.domainUuid(), u -> new AdoptVmDialog(u).open(), vms::unmanaged);
        }
        reload();
    }

    @Override
    protected void reload() {
        shownVersion = feed.version();
        quietPolls = 0;
        columns.reloadProjectNames();
        addressCache.clear();
        grid.getDataProvider().refreshAll();
    }

    void applyFilter() {
        filter = new VmFilter(filters.projectId(), stateFilter.getValue(), filters.hostId(), filters.nameContains());
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

    /** Chooses the project an unmanaged domain is adopted into; a refusal (quota) is shown here. */
    final class AdoptVmDialog extends AdoptDialog {

        AdoptVmDialog(UnmanagedVm domain) {
            super("adopt-vm", "Adopt " + domain.name() + " from " + domain.hostName(), projects.visibleProjects(),
                    project -> vms.adopt(domain.hostId(), domain.domainUuid(), project),
                    VirtualMachinesView.this::adopted, new Paragraph(domain.vcpus() + " vCPUs and " + domain.memoryMib() + " MiB count against the "
                            + "project's quota, and one VM."));
        }
    }

    @Override
    protected void poll() {
        // Asking a counter is free; re-reading the page is a query per session per poll. Reload when a VM event
        // happened since the last reload (task progress, actions), and now and then anyway (ages).
        if (feed.version() != shownVersion || ++quietPolls >= FULL_RELOAD_POLLS) {
            reload();
        }
    }

    /** libvirt's reason for the VM's state, in words. */
    static String reasonInWords(VmSummary vm, String none) {
        String words = VmStateReasons.inWords(vm.state(), vm.stateReason());
        return words == null ? none : words;
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
            case "delete" -> WorkloadActions.confirmDelete("VM", vm.name(),
                    VirtualMachine.ADOPTED_IMAGE.equals(vm.imageId())
                            ? "It is powered off and removed from its host. It was adopted: its disks were not made "
                            + "by the console and stay on the host. This cannot be undone."
                            : "It is powered off and removed from its host with its disk. This cannot be undone.",
                    () -> run(() -> vms.delete(vm.id())));
            default -> {
                // not an action of this menu: ignore what a modified client sends
            }
        }
    }

    /** The "custom" choice of the size select: vCPUs and memory as typed. */
    static final InstanceSize CUSTOM_SIZE = new InstanceSize(null, "custom", 0, 0, 0);

    /** Name, project, image, size (preset or custom vCPUs and memory) and (for admins) the host. */
    final class CreateVmDialog extends CreateWorkloadDialog {

        final Select<BootImage> image = new Select<>();
        final Select<InstanceSize> size = new Select<>();
        private boolean applyingSize;
        final IntegerField vcpus = new IntegerField("vCPUs");
        final IntegerField memoryMib = new IntegerField("Memory (MiB)");
        final ComboBox<HostSummary> host = new ComboBox<>("Host");
        final Select<String> network = new Select<>();
        // Shown for cloud-init images only: the server's hostname, keys, disk and user data.
        final TextField hostname = new TextField("Hostname");
        final com.vaadin.flow.component.combobox.MultiSelectComboBox<io.gureum.console.identity.SshKeySummary> keys =
                new com.vaadin.flow.component.combobox.MultiSelectComboBox<>("SSH keys");
        final IntegerField diskGib = new IntegerField("Disk (GiB)");
        final com.vaadin.flow.component.textfield.TextArea userData =
                new com.vaadin.flow.component.textfield.TextArea("User data (cloud-config, optional)");

        CreateVmDialog() {
            super("Create virtual machine", "vm", VmService.NAME_RULE.rule(), "a VM", projects, access.isAdmin());
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
            vcpus.addValueChangeListener(change -> sizeFollowsFields());
            memoryMib.addValueChangeListener(change -> sizeFollowsFields());
            image.addValueChangeListener(change -> {
                showCloudInit();
                showQuota();
            });
            hostname.setId("vm-hostname");
            hostname.setPlaceholder("the VM's name");
            hostname.setHelperText("letters, digits and '-', no dots or spaces");
            keys.setId("vm-ssh-keys");
            keys.setItems(sshKeys.mine());
            keys.setItemLabelGenerator(io.gureum.console.identity.SshKeySummary::label);
            keys.setHelperText("given to the image's default user; add keys under Profile > SSH keys");
            if (keys.getListDataView().getItemCount() == 1) {
                keys.select(keys.getListDataView().getItem(0));
            }
            diskGib.setId("vm-disk");
            diskGib.setStepButtonsVisible(true);
            diskGib.addValueChangeListener(change -> showQuota());
            userData.setId("vm-user-data");
            userData.setPlaceholder("#cloud-config\npackages: [nginx]");
            userData.setHelperText("YAML starting with #cloud-config, at most 64 KiB");
            userData.setMaxLength(64 * 1024);
            showCloudInit();
            errors.field("image", image).field("vcpus", vcpus)
                    .field("memoryMib", memoryMib).field("network", network).field("host", host)
                    .field("hostname", hostname).field("sshKeyIds", keys).field("diskGib", diskGib)
                    .field("userData", userData);
            FormLayout form = new FormLayout(name, project, image, size, vcpus, memoryMib, network, host, hostname,
                    keys, diskGib, userData);
            form.setColspan(userData, 2);
            layout(form);
        }

        /** The server fields appear for a cloud-init image, its smallest disk as the disk's start value. */
        void showCloudInit() {
            BootImage chosen = image.getValue();
            boolean cloud = chosen != null && chosen.isCloudInit();
            for (com.vaadin.flow.component.Component field : List.<com.vaadin.flow.component.Component>of(hostname,
                    keys, diskGib, userData)) {
                field.setVisible(cloud);
            }
            if (cloud) {
                int smallest = Math.max(chosen.diskGib(), chosen.cloudInit().minDiskGib());
                diskGib.setMin(smallest);
                diskGib.setValue(smallest);
                diskGib.setHelperText("at least " + smallest + " GiB; the server's file system grows into it");
            }
        }

        /** The cloud-init settings typed, or null for an image without cloud-init. */
        NewVm.CloudInit cloudInitSettings() {
            BootImage chosen = image.getValue();
            if (chosen == null || !chosen.isCloudInit()) {
                return null;
            }
            return new NewVm.CloudInit(hostname.getValue(), keys.getValue().stream()
                    .map(io.gureum.console.identity.SshKeySummary::id).toList(), diskGib.getValue(),
                    userData.getValue());
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
        @Override
        protected void showQuota() {
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
            int disk = image.getValue() == null ? 0 : image.getValue().isCloudInit() && diskGib.getValue() != null
                    ? diskGib.getValue() : image.getValue().diskGib();
            quotaHint.setText("This VM uses " + cpus.get() + " of your remaining "
                    + left.vcpus() + " vCPUs, " + memory.get()
                    + " of " + left.memoryMib() + " MiB memory, " + disk + " of " + left.diskGib()
                    + " GiB disk and 1 of " + left.vms() + " VMs in " + project.getValue().name() + ".");
        }

        @Override
        protected void submit() {
            if (!chosen(image.getValue(), "image",
                    "There is no image to create a VM from: run src/host/build-test-images.sh on the console's server.")) {
                return;
            }
            boolean readable = errors.number("vcpus", vcpus, 1, VmService.MAX_VCPUS, true);
            if (!errors.number("memoryMib", memoryMib, VmService.MIN_MEMORY_MIB, VmService.MAX_MEMORY_MIB, true)
                    || !readable) {
                return;
            }
            if (image.getValue().isCloudInit() && !errors.number("diskGib", diskGib, 1,
                    io.gureum.console.image.VmImageService.MAX_DISK_GIB, true)) {
                return;
            }
            create(() -> vms.create(new NewVm(name.getValue(), project.getValue().id(), image.getValue().id(),
                    vcpus.getValue(), memoryMib.getValue(), host.getValue() == null ? null : host.getValue().id(),
                    network.getValue(), cloudInitSettings())), VirtualMachinesView.this::reload);
        }
    }
}
