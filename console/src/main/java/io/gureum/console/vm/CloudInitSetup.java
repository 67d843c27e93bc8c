package io.gureum.console.vm;

import io.gureum.console.identity.SshKeyService;
import io.gureum.console.identity.SshPublicKey;
import io.gureum.console.image.BootImage;
import io.gureum.console.image.VmImageService;
import io.gureum.console.vm.cloudinit.CloudInitSeed;
import io.gureum.console.vm.cloudinit.SeedFiles;
import io.gureum.console.vm.cloudinit.SeedIso;
import io.gureum.console.vm.cloudinit.SeedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The cloud-init part of a create: the dialog's or API's settings checked against the image and the caller's keys
 * before anything is made, and the seed's ISO written for the provisioning task.
 */
@Component
class CloudInitSetup {

    private final SshKeyService keys;
    private final CloudInitSeed seeds = new CloudInitSeed();
    private final SeedIso iso;

    CloudInitSetup(SshKeyService keys, @Value("${gureum.cloud-init.xorriso:xorriso}") String xorriso) {
        this.keys = keys;
        this.iso = new SeedIso(xorriso);
    }

    /** A checked cloud-init create: the seed's files and the root disk's size. */
    record Prepared(SeedFiles seed, int diskGib) {
    }

    /**
     * Checks the settings for a VM from {@code image} (a cloud-init image) and writes its seed's files; the instance
     * id is the VM's id, so it stays the same for the VM's life. Refusals name their field.
     */
    Prepared prepare(UUID vmId, String vmName, BootImage image, NewVm.CloudInit settings) {
        NewVm.CloudInit wanted = settings == null ? new NewVm.CloudInit(null, List.of(), null, null) : settings;
        int smallest = Math.max(image.diskGib(), image.cloudInit().minDiskGib());
        int disk = wanted.diskGib() == null ? smallest : wanted.diskGib();
        if (disk < smallest || disk > VmImageService.MAX_DISK_GIB) {
            throw new VmValidationException("diskGib", "The disk of a VM from '" + image.name() + "' is " + smallest
                    + " to " + VmImageService.MAX_DISK_GIB + " GiB, not " + disk + ".");
        }
        String hostname = wanted.hostname() == null || wanted.hostname().isBlank() ? vmName : wanted.hostname();
        CloudInitSeed.hostname(hostname);
        if (wanted.sshKeyIds().isEmpty()) {
            throw new VmValidationException("sshKeyIds", "Choose at least one of your SSH keys (add one under Profile "
                    + "> SSH keys): the server has no password to log in with.");
        }
        List<String> lines = keys.callerKeys(wanted.sshKeyIds()).stream().map(SshPublicKey::line).toList();
        SeedFiles files = seeds.files(new SeedRequest(vmId, hostname, image.cloudInit().defaultUser(), lines,
                wanted.userData()));
        return new Prepared(files, disk);
    }

    /** The seed as a {@code cidata} ISO, read into memory (a few hundred KiB) for the upload to the host. */
    byte[] isoOf(SeedFiles files) {
        Path file = null;
        try {
            file = Files.createTempFile("gureum-seed-", ".iso");
            iso.write(files, file);
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the cloud-init seed: " + e.getMessage(), e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a temporary file the OS reaps
                }
            }
        }
    }
}
