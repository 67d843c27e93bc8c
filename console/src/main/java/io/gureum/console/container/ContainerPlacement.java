package io.gureum.console.container;

import io.gureum.console.host.HostService;
import io.gureum.console.host.HostSummary;
import io.gureum.console.system.Echo;
import io.gureum.container.ImageInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Where a container can run: the hosts that take containers, the images their engines hold, and the host a create
 * goes to (or why none can take it, host by host). Used by {@link ContainerService}'s creation.
 */
final class ContainerPlacement {

    /** How long a host's image listing answers "is the image there?" with yes. */
    private static final long IMAGES_KNOWN_NANOS = Duration.ofSeconds(30).toNanos();

    private record KnownImages(Set<String> tags, long listedAtNanos) {
    }

    private final HostService hosts;
    private final ConcurrentMap<UUID, KnownImages> knownImages = new ConcurrentHashMap<>();

    ContainerPlacement(HostService hosts) {
        this.hosts = hosts;
    }

    /** The images containers can be created from: those on the engines of hosts that take containers. */
    List<String> images() {
        Set<String> references = new TreeSet<>();
        for (HostSummary host : candidates()) {
            try {
                for (ImageInfo image : hosts.engineOf(host.id()).images()) {
                    image.tags().stream().filter(t -> !t.contains("<none>")).forEach(references::add);
                }
            } catch (RuntimeException unreachable) {
                // that host's images are not offered
            }
        }
        return List.copyOf(references);
    }

    /** Refuses an image that no engine of a host taking containers holds (with none such, the task says why). */
    void requireImage(String image) {
        List<HostSummary> candidates = candidates();
        if (!candidates.isEmpty() && candidates.stream().noneMatch(h -> holdsImageQuietly(h.id(), image))) {
            throw new ContainerValidationException("image", "Image " + Echo.quoted(image)
                    + " is not on any container engine. "
                    + "Available: " + images() + ".");
        }
    }

    /** A host that takes placements, has an answering engine and holds the image; else why not, per host. */
    HostSummary choose(String image) {
        List<String> reasons = new ArrayList<>();
        for (HostSummary host : hosts.forPlacement()) {
            if (host.maintenance()) {
                reasons.add(host.name() + ": maintenance");
            } else if (!host.engineAnswers()) {
                reasons.add(host.name() + ": container engine " + host.engineText());
            } else {
                try {
                    if (holdsImage(host.id(), image)) {
                        return host;
                    }
                    reasons.add(host.name() + ": image " + image + " is not there");
                } catch (RuntimeException e) {
                    reasons.add(host.name() + ": engine does not answer (" + e.getMessage() + ")");
                }
            }
        }
        throw new IllegalStateException("No host can run the container"
                + (reasons.isEmpty() ? ": no hosts are registered." : ": " + String.join("; ", reasons) + "."));
    }

    /**
     * Whether the host's engine holds the image. A listing from the last 30 s answers yes; anything else lists the
     * images anew. Every create used to list the images twice (validation, placement): two engine round trips that
     * made up a good part of the console's overhead over the engine's own create + start. An image removed within
     * those 30 s makes the create fail on the engine instead, with the engine's message in the task.
     */
    private boolean holdsImage(UUID hostId, String image) {
        KnownImages known = knownImages.get(hostId);
        if (known != null && System.nanoTime() - known.listedAtNanos() < IMAGES_KNOWN_NANOS
                && known.tags().contains(image)) {
            return true;
        }
        long listedAt = System.nanoTime();
        Set<String> tags = new HashSet<>();
        for (ImageInfo info : hosts.engineOf(hostId).images()) {
            tags.addAll(info.tags());
        }
        knownImages.put(hostId, new KnownImages(Set.copyOf(tags), listedAt));
        return tags.contains(image);
    }

    private boolean holdsImageQuietly(UUID hostId, String image) {
        try {
            return holdsImage(hostId, image);
        } catch (RuntimeException unreachable) {
            return false; // that host's images are not offered
        }
    }

    private List<HostSummary> candidates() {
        return hosts.forPlacement().stream().filter(HostSummary::acceptsContainers).toList();
    }
}
