package io.gureum.console.vm.cloudinit;

/** The three files of a NoCloud seed, as text ready to write. */
public record SeedFiles(String metaData, String userData, String networkConfig) {

    /** The file names cloud-init's NoCloud data source reads from a volume labelled {@code cidata}. */
    public static final String META_DATA = "meta-data";
    public static final String USER_DATA = "user-data";
    public static final String NETWORK_CONFIG = "network-config";
}
