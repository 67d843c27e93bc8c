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
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.shared.Registration;
import io.gureum.console.host.HostService;
import io.gureum.console.host.HostSummary;
import io.gureum.console.image.BootImage;
import io.gureum.console.image.ImageCatalog;
import io.gureum.console.image.InstanceSize;
import io.gureum.console.project.ProjectAccess;
import io.gureum.console.project.ProjectRole;
import io.gureum.console.project.ProjectService;
import io.gureum.console.project.ProjectSummary;
import io.gureum.console.quota.QuotaExceededException;
import io.gureum.console.quota.QuotaService;
import io.gureum.console.quota.ResourceAmounts;
import io.gureum.console.ui.Formats;
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

    final Grid<VmSummary> grid = new Grid<>();
    final Button create = new Button("Create VM");
    private final VmService vms;
    private final ProjectService projects;
    private final ProjectAccess access;
    private final ImageCatalog images;
    private final HostService hosts;
    private final QuotaService quotas;
    private Map<Long, String> projectNames = Map.of();
    private Registration polling;

    public VirtualMachinesView(VmService vms, ProjectService projects, ProjectAccess access, ImageCatalog images,
                               HostService hosts, QuotaService quotas, Clock clock) {
        this.quotas = quotas;
        this.vms = vms;
        this.projects = projects;
        this.access = access;
        this.images = images;
        this.hosts = hosts;
        getStyle().set("padding", "var(--lumo-space-m)");

        grid.setId("vms-grid");
        grid.addComponentColumn(vm -> new RouterLink(vm.name(), VmDetailView.class,
                new RouteParameters("vmId", vm.id().toString()))).setHeader("Name");
        grid.addColumn(vm -> projectNames.getOrDefault(vm.projectId(), "#" + vm.projectId())).setHeader("Project");
        grid.addComponentColumn(VirtualMachinesView::stateBadge).setHeader("State");
        grid.addColumn(vm -> vm.hostName() == null ? "" : vm.hostName()).setHeader("Host");
        grid.addColumn(VmSummary::vcpus).setHeader("vCPUs");
        grid.addColumn(vm -> Formats.bytes(vm.memoryMib() << 20)).setHeader("Memory");
        grid.addColumn(vm -> Formats.ago(vm.createdAt(), clock.instant())).setHeader("Age");
        grid.addComponentColumn(this::actions);
        grid.getColumns().forEach(column -> column.setAutoWidth(true).setFlexGrow(0));
        grid.setItemDetailsRenderer(new com.vaadin.flow.data.renderer.ComponentRenderer<>(vm -> new Paragraph(
                vm.state() == VmStatus.ERROR ? "Error: " + vm.errorMessage()
                        : "State reason: " + (vm.stateReason() == null ? "-" : vm.stateReason()) + " · image "
                        + vm.imageId() + " · owner " + vm.owner())));
        grid.setDetailsVisibleOnClick(true);

        create.setId("create-vm");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.addClickListener(click -> new CreateVmDialog().open());

        add(new HorizontalLayout(new H2("Virtual machines"), create), grid);
        reload();
    }

    void reload() {
        projectNames = projects.visibleProjects().stream()
                .collect(Collectors.toMap(ProjectSummary::id, ProjectSummary::name, (a, b) -> a));
        grid.setItems(vms.list());
    }

    @Override
    protected void onAttach(AttachEvent event) {
        // States change on the hosts at any time; follow them without a manual reload.
        event.getUI().setPollInterval(POLL_MILLIS);
        polling = event.getUI().addPollListener(poll -> reload());
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (polling != null) {
            polling.remove();
            polling = null;
        }
        event.getUI().setPollInterval(-1);
    }

    static Span stateBadge(VmSummary vm) {
        Span badge = new Span(vm.state().name().toLowerCase());
        badge.getElement().getThemeList().add(switch (vm.state()) {
            case RUNNING -> "badge success";
            case ERROR, CRASHED -> "badge error";
            case UNKNOWN -> "badge contrast";
            default -> "badge";
        });
        if (vm.stateReason() != null) {
            badge.setTitle(vm.stateReason());
        }
        return badge;
    }

    private HorizontalLayout actions(VmSummary vm) {
        Button start = small("Start", () -> vms.start(vm.id()));
        Button shutdown = small("Shut down", () -> vms.shutdown(vm.id()));
        Button forceOff = small("Force off", () -> vms.forceOff(vm.id()));
        Button delete = new Button("Delete", click -> {
            ConfirmDialog confirm = new ConfirmDialog("Delete VM " + vm.name() + "?",
                    "It is powered off and removed from its host with its disk. This cannot be undone.", "Delete",
                    yes -> run(() -> vms.delete(vm.id())));
            confirm.setCancelable(true);
            confirm.setConfirmButtonTheme("error primary");
            confirm.open();
        });
        delete.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
        start.setEnabled(vm.state() == VmStatus.STOPPED || vm.state() == VmStatus.CRASHED);
        shutdown.setEnabled(vm.state() == VmStatus.RUNNING);
        forceOff.setEnabled(vm.state() == VmStatus.RUNNING || vm.state() == VmStatus.PAUSED);
        delete.setEnabled(vm.state() != VmStatus.PROVISIONING && vm.state() != VmStatus.DELETING);
        return new HorizontalLayout(start, shutdown, forceOff, delete);
    }

    private Button small(String text, Runnable action) {
        Button button = new Button(text, click -> run(action));
        button.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        return button;
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
        final Paragraph error = new Paragraph();
        final Paragraph quotaHint = new Paragraph();
        final Button createButton = new Button("Create");

        CreateVmDialog() {
            setHeaderTitle("Create virtual machine");
            name.setRequired(true);
            name.setHelperText("lower-case letters, digits and '-'");
            List<ProjectSummary> mine = projects.visibleProjects().stream()
                    .filter(p -> !p.archived() && (access.isAdmin() || (p.myRole() != null
                            && p.myRole().includes(ProjectRole.MEMBER))))
                    .toList();
            project.setLabel("Project");
            project.setItems(mine);
            project.setItemLabelGenerator(ProjectSummary::name);
            if (!mine.isEmpty()) {
                project.setValue(mine.getFirst());
            }
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
            memoryMib.setStep(64);
            memoryMib.setStepButtonsVisible(true);
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
            error.getStyle().set("color", "var(--lumo-error-text-color)");

            createButton.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            createButton.addClickListener(click -> submit());
            add(new FormLayout(name, project, image, size, vcpus, memoryMib, host), quotaHint, error);
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
            ResourceAmounts left = quotas.remaining(project.getValue().id());
            int disk = image.getValue() == null ? 0 : image.getValue().diskGib();
            quotaHint.setText("This VM uses " + (vcpus.getValue() == null ? 0 : vcpus.getValue()) + " of your remaining "
                    + left.vcpus() + " vCPUs, " + (memoryMib.getValue() == null ? 0 : memoryMib.getValue())
                    + " of " + left.memoryMib() + " MiB memory, " + disk + " of " + left.diskGib()
                    + " GiB disk and 1 of " + left.vms() + " VMs in " + project.getValue().name() + ".");
        }

        void submit() {
            if (project.getValue() == null || image.getValue() == null) {
                error.setText(project.getValue() == null ? "Choose a project (you need to be a member of one)."
                        : "There is no image to create a VM from: run src/host/build-test-images.sh on the console's server.");
                return;
            }
            try {
                vms.create(new NewVm(name.getValue(), project.getValue().id(), image.getValue().id(),
                        vcpus.getValue() == null ? 0 : vcpus.getValue(),
                        memoryMib.getValue() == null ? 0 : memoryMib.getValue(),
                        host.getValue() == null ? null : host.getValue().id()));
                reload();
                close();
            } catch (QuotaExceededException | VmValidationException refused) {
                error.setText(refused.getMessage());
            }
        }
    }
}
