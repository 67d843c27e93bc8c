package io.gureum.console.quota;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Limits a new project starts with, under {@code gureum.quota.defaults.*} (e.g. GUREUM_QUOTA_DEFAULTS_VCPUS). */
@ConfigurationProperties("gureum.quota.defaults")
public record QuotaDefaults(@DefaultValue("8") int vcpus, @DefaultValue("16384") long memoryMib,
                            @DefaultValue("200") int diskGib, @DefaultValue("5") int vms,
                            @DefaultValue("10") int containers, @DefaultValue("4") int containerCpus,
                            @DefaultValue("8192") long containerMemoryMib) {

    ResourceAmounts amounts() {
        return new ResourceAmounts(vcpus, memoryMib, diskGib, vms, containers, containerCpus, containerMemoryMib);
    }
}
