package io.gureum.console.image;

import io.gureum.console.project.ProjectAccess;
import io.gureum.console.system.NameRule;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Instance sizes: everyone lists them, administrators add and delete them. */
@Service
public class InstanceSizeService {

    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,31}");
    /** The rule for size names, also shown next to the name field. */
    public static final NameRule NAME_RULE = new NameRule("size name", NAME,
            "1 to 32 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit");
    static final int MAX_VCPUS = 16;
    static final long MIN_MEMORY_MIB = 64;
    static final long MAX_MEMORY_MIB = 64 * 1024;
    static final int MAX_DISK_GIB = 4096;

    private final InstanceSizeRepository sizes;
    private final ProjectAccess access;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    InstanceSizeService(InstanceSizeRepository sizes, ProjectAccess access, Clock clock,
                        ApplicationEventPublisher events) {
        this.sizes = sizes;
        this.access = access;
        this.clock = clock;
        this.events = events;
    }

    /** Seeds a few presets on first start (only while there are none). */
    @EventListener(ApplicationReadyEvent.class)
    @Transactional
    public void seedWhenEmpty() {
        if (sizes.count() == 0) {
            store("tiny", 1, 256, 1);
            store("small", 1, 1024, 10);
            store("medium", 2, 4096, 20);
            store("large", 4, 8192, 40);
        }
    }

    public List<InstanceSize> list() {
        return sizes.findAllByOrderByVcpusAscMemoryMibAscNameAsc().stream().map(StoredInstanceSize::summary).toList();
    }

    @Transactional
    public InstanceSize create(String name, int vcpus, long memoryMib, int diskGib) {
        access.requireAdmin();
        String clean = name;
        NAME_RULE.problem(name).ifPresent(problem -> {
            throw new ImageValidationException("name", problem);
        });
        if (vcpus < 1 || vcpus > MAX_VCPUS) {
            throw new ImageValidationException("vcpus", "A size has 1 to " + MAX_VCPUS + " vCPUs, not " + vcpus + ".");
        }
        if (memoryMib < MIN_MEMORY_MIB || memoryMib > MAX_MEMORY_MIB) {
            throw new ImageValidationException("memoryMib", "A size has " + MIN_MEMORY_MIB + " to " + MAX_MEMORY_MIB
                    + " MiB of memory, not " + memoryMib + ".");
        }
        if (diskGib < 1 || diskGib > MAX_DISK_GIB) {
            throw new ImageValidationException("diskGib", "A size has 1 to " + MAX_DISK_GIB + " GiB of disk, not "
                    + diskGib + ".");
        }
        if (sizes.existsByName(clean)) {
            throw new ImageValidationException("name", "There is a size named '" + clean + "' already.");
        }
        InstanceSize created = store(clean, vcpus, memoryMib, diskGib);
        events.publishEvent(new ImageEvents.ImageChanged("size.created", "instance size " + clean, created.label()));
        return created;
    }

    @Transactional
    public void delete(UUID id) {
        access.requireAdmin();
        sizes.findById(id).ifPresent(size -> {
            sizes.delete(size);
            events.publishEvent(new ImageEvents.ImageChanged("size.deleted", "instance size " + size.summary().name(),
                    null));
        });
    }

    private InstanceSize store(String name, int vcpus, long memoryMib, int diskGib) {
        return sizes.save(new StoredInstanceSize(UUID.randomUUID(), name, vcpus, memoryMib, diskGib,
                clock.instant().truncatedTo(ChronoUnit.MICROS))).summary();
    }
}
