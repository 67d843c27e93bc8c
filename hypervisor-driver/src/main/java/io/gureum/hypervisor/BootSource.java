package io.gureum.hypervisor;

import java.util.regex.Pattern;

/** How a VM boots: from its first disk, or by direct kernel boot. */
public sealed interface BootSource {

    /** Boot from the first disk. */
    record FromDisk() implements BootSource {
    }

    /**
     * Direct kernel boot. Kernel and initrd come from the trusted side (see {@link BootFile});
     * the command line is checked against a conservative character set.
     */
    record DirectKernel(BootFile kernel, BootFile initrd, String cmdline) implements BootSource {
        private static final Pattern CMDLINE = Pattern.compile("[A-Za-z0-9 =._,:/+@-]{0,1024}");

        public DirectKernel {
            Names.require(kernel != null, "kernel is required for direct kernel boot");
            cmdline = cmdline == null ? "" : cmdline;
            Names.require(CMDLINE.matcher(cmdline).matches(),
                    "kernel command line must be at most 1024 characters of [A-Za-z0-9 =._,:/+@-]: " + Names.quote(cmdline));
        }
    }

    static BootSource fromDisk() {
        return new FromDisk();
    }

    static BootSource directKernel(BootFile kernel, BootFile initrd, String cmdline) {
        return new DirectKernel(kernel, initrd, cmdline);
    }
}
