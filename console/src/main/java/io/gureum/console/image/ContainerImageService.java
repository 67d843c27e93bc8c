package io.gureum.console.image;

import io.gureum.console.host.HostService;
import io.gureum.console.host.HostSummary;
import io.gureum.console.project.ProjectAccess;
import io.gureum.console.system.Echo;
import io.gureum.container.ContainerEngine;
import io.gureum.container.EngineException;
import io.gureum.container.ImageInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Container images on each host's engine, for administrators: list them, import a root file system
 * tarball as {@code localhost/<name>:<tag>}, remove one.
 */
@Service
public class ContainerImageService {

    private static final Logger log = LoggerFactory.getLogger(ContainerImageService.class);
    /** {@code name:tag} of an imported image; it is always put under {@code localhost/}. */
    static final Pattern REFERENCE = Pattern.compile("[a-z0-9][a-z0-9._/-]*:[a-zA-Z0-9._-]+");

    private final HostService hosts;
    private final ProjectAccess access;
    private final ApplicationEventPublisher events;

    ContainerImageService(HostService hosts, ProjectAccess access, ApplicationEventPublisher events) {
        this.hosts = hosts;
        this.access = access;
        this.events = events;
    }

    /** Hosts with a container engine that answered at least once. */
    public List<HostSummary> engineHosts() {
        access.requireAdmin();
        return hosts.list().stream().filter(h -> h.containerEndpoint() != null && h.engineProduct() != null).toList();
    }

    public List<ImageInfo> images(UUID hostId) {
        access.requireAdmin();
        return hosts.engineOf(hostId).images();
    }

    /** Imports the tarball (deleted afterwards either way) as {@code localhost/<reference>}. */
    public ImageInfo importRootfs(UUID hostId, String reference, Path tarball) {
        try {
            access.requireAdmin();
            String clean = reference == null ? "" : reference;
            if (!clean.equals(clean.strip())) {
                throw new ImageValidationException("reference", "Image name " + Echo.quoted(clean)
                        + " starts or ends with white space: remove it.");
            }
            if (clean.startsWith("localhost/")) {
                clean = clean.substring("localhost/".length());
            }
            if (clean.length() > 200 || !REFERENCE.matcher(clean).matches() || clean.contains("..")
                    || clean.contains("//")) {
                throw new ImageValidationException("reference", "Image name " + Echo.quoted(clean)
                        + " is not valid: use name:tag, the name "
                        + "of lower-case letters, digits, '.', '_', '-' and '/', the tag of letters, digits, '.', '_', '-' "
                        + "(for example tools/alpine:3.20).");
            }
            ContainerEngine engine = hosts.engineOf(hostId);
            try {
                ImageInfo imported = engine.importRootfs(tarball, "localhost/" + clean);
                log.info("root file system imported as localhost/{} on host {}", clean, hostId);
                events.publishEvent(new ImageEvents.ImageChanged("container-image.imported", "container image localhost/"
                        + clean, "on host " + hostId));
                return imported;
            } catch (EngineException e) {
                throw new ImageValidationException("The engine refused the root file system: " + e.getMessage());
            }
        } finally {
            try {
                if (tarball != null) {
                    Files.deleteIfExists(tarball);
                }
            } catch (IOException e) {
                log.warn("could not delete {}: {}", tarball, e.getMessage());
            }
        }
    }

    public void remove(UUID hostId, String reference) {
        access.requireAdmin();
        try {
            hosts.engineOf(hostId).removeImage(reference, false);
            events.publishEvent(new ImageEvents.ImageChanged("container-image.removed", "container image " + reference,
                    "on host " + hostId));
        } catch (EngineException e) {
            throw new ImageValidationException("Cannot remove " + reference + ": " + e.getMessage());
        }
    }
}
