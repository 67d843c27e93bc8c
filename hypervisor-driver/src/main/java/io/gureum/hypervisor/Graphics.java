package io.gureum.hypervisor;

/** Graphical console of a VM. */
public enum Graphics {
    /** No graphics device. */
    NONE,
    /** VNC server bound to 127.0.0.1 on a port libvirt picks; the console proxies it. */
    VNC_LOCALHOST
}
