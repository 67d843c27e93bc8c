package io.gureum.console.identity;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.gureum.console.ui.FieldErrors;
import io.gureum.console.ui.Formats;
import jakarta.annotation.security.PermitAll;

/**
 * SSH keys: the caller's public keys (add, see the fingerprint, remove), and for administrators every user's. A VM
 * made from a cloud image gets the keys its maker picks from these.
 */
@Route("profile/ssh-keys")
@PageTitle("SSH keys")
@PermitAll
public class SshKeysView extends Main {

    final Grid<SshKeySummary> mine = new Grid<>();
    final Grid<SshKeySummary> everyone = new Grid<>();
    final TextArea publicKey = new TextArea("Public key");
    final Button add = new Button("Add key", VaadinIcon.PLUS.create());
    final FieldErrors errors = new FieldErrors();
    private final SshKeyService keys;
    private final boolean admin;

    public SshKeysView(SshKeyService keys) {
        this.keys = keys;
        this.admin = keys.callerSeesEveryone();

        publicKey.setId("ssh-public-key");
        publicKey.setWidthFull();
        publicKey.setMaxLength(SshPublicKey.MAX_LENGTH);
        publicKey.setPlaceholder("ssh-ed25519 AAAAC3Nza... you@laptop");
        publicKey.setHelperText("The contents of your .pub file (e.g. ~/.ssh/id_ed25519.pub): ssh-ed25519, "
                + "ecdsa-sha2-nistp256/384/521 or ssh-rsa of at least 2048 bits. Never the private key.");
        errors.field("publicKey", publicKey);
        add.setId("add-ssh-key");
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add.addClickListener(click -> add());
        mine.setId("my-ssh-keys");
        columns(mine, false);
        add(new H2("My SSH keys"),
                new Paragraph("A server made from a cloud image lets in the keys you pick for it, as its default "
                        + "user (e.g. ssh debian@<address>)."),
                errors.formError(), publicKey, add, mine);
        if (admin) {
            everyone.setId("all-ssh-keys");
            columns(everyone, true);
            add(new H2("Every user's SSH keys"), everyone);
        }
        refresh();
    }

    private void columns(Grid<SshKeySummary> grid, boolean withOwner) {
        if (withOwner) {
            grid.addColumn(SshKeySummary::owner).setHeader("Owner").setAutoWidth(true);
        }
        grid.addColumn(SshKeySummary::label).setHeader("Comment").setAutoWidth(true);
        grid.addColumn(key -> key.key().bits() + " " + key.key().type()).setHeader("Type").setAutoWidth(true);
        grid.addColumn(key -> key.key().fingerprint()).setHeader("Fingerprint").setAutoWidth(true);
        grid.addColumn(key -> Formats.time(key.createdAt())).setHeader("Added").setAutoWidth(true);
        if (!withOwner) {
            grid.addComponentColumn(key -> {
                Button remove = new Button("Remove", click -> remove(key));
                remove.setId("remove-ssh-key-" + key.id());
                remove.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
                return remove;
            }).setHeader("").setAutoWidth(true);
        }
        grid.setAllRowsVisible(true);
    }

    private void add() {
        errors.clear();
        try {
            SshKeySummary added = keys.add(publicKey.getValue());
            publicKey.clear();
            Notification.show("Added " + added.key().describe() + ".");
            refresh();
        } catch (SshKeyValidationException refused) {
            if (refused.privateKey()) {
                // Do not leave a private key on the screen or in the field's state.
                publicKey.clear();
                Notification warning = Notification.show("That was a private key: it was not stored. "
                        + "Consider it exposed if you pasted it anywhere else.");
                warning.addThemeVariants(NotificationVariant.LUMO_ERROR);
            }
            errors.show(refused);
        }
    }

    private void remove(SshKeySummary key) {
        keys.remove(key.id());
        Notification.show("Removed " + key.label() + ".");
        refresh();
    }

    void refresh() {
        mine.setItems(keys.mine());
        if (admin) {
            everyone.setItems(keys.all());
        }
    }
}
