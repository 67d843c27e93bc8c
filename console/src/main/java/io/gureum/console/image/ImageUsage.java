package io.gureum.console.image;

/** Whether a boot image is still used by a VM the console manages (the VM feature answers). */
public interface ImageUsage {

    /** Names of the VMs (not deleted) made from the image; empty when none. */
    java.util.List<String> vmsUsing(String imageId);
}
