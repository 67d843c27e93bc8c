package io.gureum.hypervisor;

/**
 * Gureum's marks on a domain, stored in the domain's {@code <metadata>} under Gureum's own XML
 * namespace. A domain without them was made by hand: it is unmanaged.
 */
public record GureumMetadata(String resourceId, String projectId) {
    /** XML namespace of the metadata element. */
    public static final String NAMESPACE = "https://gureum.io/xmlns/vm/1";

    public GureumMetadata {
        Names.requireMetadataValue("resource id", resourceId);
        Names.requireMetadataValue("project id", projectId);
    }
}
