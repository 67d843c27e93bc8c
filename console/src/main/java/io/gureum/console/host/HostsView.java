package io.gureum.console.host;

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
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.gureum.console.identity.GlobalRole;
import io.gureum.console.system.GureumProperties;
import io.gureum.console.ui.FieldErrors;
import io.gureum.console.ui.Formats;
import io.gureum.console.ui.RowActions;
import jakarta.annotation.security.RolesAllowed;
import com.vaadin.flow.shared.Registration;
import java.time.Clock;

/** Hosts (admin): registered servers with status, capacity and allocation; register, check, maintenance. */
@Route("hosts")
@PageTitle("Hosts")
@Menu(title = "Hosts", order = 30, icon = "vaadin:server")
@RolesAllowed(GlobalRole.ADMIN_NAME)
public class HostsView extends Main {

    static final int POLL_MILLIS = 5_000;

    final Paragraph localDecision = new Paragraph();
    final Grid<HostSummary> grid = new Grid<>();
    final Button add = new Button("Add host");
    /** The console's SSH public key, read (and made on first need) when an admin opens it. */
    final com.vaadin.flow.component.details.Details sshKey = new com.vaadin.flow.component.details.Details(
            "The console's SSH key for qemu+ssh:// hosts");
    final com.vaadin.flow.component.textfield.TextArea sshKeyText = new com.vaadin.flow.component.textfield.TextArea();
    private final HostService hosts;
    private Registration polling;

    public HostsView(HostService hosts, GureumProperties properties, Clock clock) {
        this.hosts = hosts;
        getStyle().set("padding", "var(--lumo-space-m)");

        GureumProperties.Host setup = properties.host();
        localDecision.setId("local-domain-type");
        localDecision.setText(setup.decided()
                ? "Host setup on this server chose libvirt domain type '" + setup.domainType() + "'"
                  + (setup.domainTypeReason().isBlank() ? "." : ": " + setup.domainTypeReason())
                : "The host setup (src/host/setup.sh) has not recorded a domain type for this server.");
        localDecision.getStyle().set("color", "var(--lumo-secondary-text-color)");

        grid.setId("hosts-grid");
        // Widths that fit a 1366-pixel screen with the navigation open; long values and headers wrap.
        grid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.addColumn(HostSummary::name).setHeader("Name").setWidth("7rem").setFlexGrow(1);
        grid.addComponentColumn(HostsView::statusBadge).setHeader("Status").setWidth("6rem").setFlexGrow(0);
        grid.addColumn(HostsView::virtualization).setHeader("Virtualization").setWidth("8rem").setFlexGrow(1);
        grid.addColumn(h -> h.allocatedVcpus() + " / " + h.cpus()).setHeader("vCPUs").setWidth("5rem").setFlexGrow(0);
        grid.addColumn(h -> Formats.bytes(h.allocatedMemoryMib() << 20) + " / " + Formats.bytes(h.memoryTotalBytes()))
                .setHeader("Memory").setWidth("8rem").setFlexGrow(0);
        grid.addColumn(HostsView::storageFree).setHeader("Storage free").setWidth("5.5rem").setFlexGrow(0);
        grid.addColumn(h -> h.domainsRunning() + " / " + h.domainsTotal()).setHeader("Running VMs").setWidth("6rem")
                .setFlexGrow(0);
        grid.addColumn(h -> h.engineProduct() == null && h.containerEndpoint() != null ? "unreachable"
                : h.engineText()).setHeader("Containers").setWidth("7rem").setFlexGrow(1);
        grid.addColumn(h -> Formats.ago(h.lastSeenAt(), clock.instant())).setHeader("Last answer").setWidth("5.5rem")
                .setFlexGrow(0);
        grid.addComponentColumn(this::actions).setHeader("Actions").setWidth("5.5rem").setFlexGrow(0);
        grid.setDetailsVisibleOnClick(true);
        grid.setItemDetailsRenderer(new com.vaadin.flow.data.renderer.ComponentRenderer<>(this::detailsWithHostKey));
        grid.setAllRowsVisible(true);

        add.setId("add-host");
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add.addClickListener(click -> openRegisterDialog());

        sshKey.setId("console-ssh-key");
        sshKeyText.setReadOnly(true);
        sshKeyText.setWidthFull();
        sshKeyText.setHelperText("Put this line into ~/.ssh/authorized_keys of the account named in the host's "
                + "qemu+ssh:// URI. The console records a host's SSH host key when you test or register it, and "
                + "refuses a different one later.");
        sshKey.add(sshKeyText);
        sshKey.addOpenedChangeListener(opened -> {
            if (opened.isOpened() && sshKeyText.isEmpty()) {
                try {
                    sshKeyText.setValue(hosts.consoleSshPublicKey());
                } catch (RuntimeException e) {
                    sshKeyText.setValue("");
                    sshKeyText.setHelperText("The console could not make its SSH key: " + e.getMessage());
                }
            }
        });
        add(new HorizontalLayout(new H2("Hosts"), add), localDecision, sshKey, grid);
        reload();
    }

    void reload() {
        grid.setItems(hosts.list());
    }

    @Override
    protected void onAttach(AttachEvent event) {
        // The monitor refreshes hosts in the background; the view follows without a manual reload.
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

    private static Span statusBadge(HostSummary host) {
        Span badge = new Span(host.statusText());
        String theme = switch (host.status()) {
            case UP -> host.maintenance() ? "badge contrast" : "badge success";
            case UNREACHABLE -> "badge error";
            case UNKNOWN -> "badge";
        };
        badge.getElement().getThemeList().add(theme);
        if (host.statusMessage() != null) {
            badge.setTitle(host.statusMessage());
        }
        return badge;
    }

    static String virtualization(HostSummary host) {
        if (host.simulated()) {
            return "Simulated (test driver)";
        }
        return host.domainType().equals("KVM") ? "KVM" : "QEMU emulation (KVM off)";
    }

    /** Free space of the console's pool, or why there is none (the pool could not be made). */
    static String storageFree(HostSummary host) {
        return host.storagePool().problem() != null ? "no pool" : Formats.bytes(host.storageAvailableBytes());
    }

    /** {@link #details} with the SSH host key the console recorded for the host, if any. */
    Div detailsWithHostKey(HostSummary host) {
        Div details = details(host);
        hosts.sshHostKey(host.libvirtUri()).ifPresent(key -> details.add(new Paragraph("SSH host key: " + key)));
        return details;
    }

    static Div details(HostSummary host) {
        Div details = new Div();
        details.add(new Paragraph("libvirt URI: " + host.libvirtUri()));
        Paragraph pool = new Paragraph(host.storagePoolText());
        pool.addClassName("host-storage-pool");
        if (host.storagePool().problem() != null) {
            pool.getStyle().set("color", "var(--lumo-error-text-color)");
        }
        details.add(pool);
        details.add(new Paragraph("CPU model: " + (host.cpuModel() == null ? "unknown" : host.cpuModel())
                + " · libvirt " + host.libvirtVersion() + " · hypervisor " + host.hypervisorVersion()));
        details.add(new Paragraph("Domain type " + host.domainType() + ": " + host.domainTypeReason()));
        details.add(new Paragraph("Container engine: " + (host.containerEndpoint() == null ? "none registered"
                : host.containerEndpoint() + " (" + host.engineText() + ")")));
        if (host.statusMessage() != null) {
            details.add(new Paragraph("Last error: " + host.statusMessage()));
        }
        return details;
    }

    private RowActions actions(HostSummary host) {
        RowActions menu = new RowActions("Actions for host " + host.name());
        menu.action("Check now", true, () -> {
            HostSummary now = hosts.refresh(host.id());
            notify(now.status() == HostStatus.UP ? "Host " + now.name() + " answered."
                    : "Host " + now.name() + " did not answer: " + now.statusMessage(), now.status() == HostStatus.UP);
            reload();
        });
        menu.action(host.maintenance() ? "End maintenance" : "Start maintenance", true, () -> {
            hosts.setMaintenance(host.id(), !host.maintenance());
            reload();
        }).setTooltipText("A host in maintenance gets no new VMs or containers.");
        menu.dangerous("Remove…", true, () -> {
            ConfirmDialog confirm = new ConfirmDialog("Remove host " + host.name() + "?",
                    "The console forgets this host. Nothing on the host is stopped or deleted.", "Remove",
                    yes -> {
                        hosts.remove(host.id());
                        reload();
                    });
            confirm.setCancelable(true);
            confirm.setConfirmButtonTheme("error primary");
            confirm.open();
        });
        return menu;
    }

    void openRegisterDialog() {
        new RegisterHostDialog().open();
    }

    private static void notify(String text, boolean ok) {
        Notification n = Notification.show(text, 6000, Notification.Position.BOTTOM_START);
        n.addThemeVariants(ok ? NotificationVariant.LUMO_SUCCESS : NotificationVariant.LUMO_ERROR);
    }

    /** Name, libvirt URI, optional container endpoint, domain type; test first, then register. */
    final class RegisterHostDialog extends Dialog {

        final TextField name = new TextField("Name");
        final TextField uri = new TextField("libvirt URI");
        final TextField endpoint = new TextField("Container endpoint (optional)");
        final Select<String> domainType = new Select<>();
        final Paragraph result = new Paragraph();
        final Button test = new Button("Test connection");
        final Button register = new Button("Register");
        /** A refused registration next to the field it concerns, otherwise at the top of the dialog. */
        final FieldErrors errors = new FieldErrors();

        RegisterHostDialog() {
            setHeaderTitle("Add host");
            name.setPlaceholder("rack1-node3");
            name.setRequired(true);
            name.setHelperText(HostService.NAME_RULE.rule());
            errors.field("name", name).field("uri", uri).field("endpoint", endpoint).field("domainType", domainType);
            uri.setPlaceholder("qemu+ssh://gureum@rack1-node3/system");
            uri.setHelperText(LibvirtUris.EXAMPLES);
            uri.setRequired(true);
            endpoint.setPlaceholder(ContainerEndpoints.PODMAN);
            endpoint.setHelperText("Podman's or Docker's socket on this server, or empty");
            domainType.setLabel("Domain type");
            domainType.setItems("", "kvm", "qemu");
            domainType.setItemLabelGenerator(v -> v.isEmpty() ? "automatic (KVM when offered)" : v);
            domainType.setValue("");
            result.setId("host-check-result");

            test.addClickListener(click -> {
                ConnectionCheck check = hosts.testConnection(uri.getValue());
                result.setText(check.message());
                result.getStyle().set("color", check.ok() ? "var(--lumo-success-text-color)"
                        : "var(--lumo-error-text-color)");
            });
            register.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            register.addClickListener(click -> {
                errors.clear();
                result.setText("");
                try {
                    HostSummary host = hosts.register(new NewHost(name.getValue(), uri.getValue(),
                            endpoint.getValue(), domainType.getValue()));
                    HostsView.notify("Registered host " + host.name() + " (" + host.statusText() + "). "
                            + host.storagePoolText(), host.storagePool().problem() == null);
                    reload();
                    close();
                } catch (HostValidationException refused) {
                    errors.show(refused);
                }
            });
            FormLayout form = new FormLayout(name, uri, endpoint, domainType);
            add(errors.formError(), form, result);
            getFooter().add(new Button("Cancel", click -> close()), test, register);
        }
    }
}
