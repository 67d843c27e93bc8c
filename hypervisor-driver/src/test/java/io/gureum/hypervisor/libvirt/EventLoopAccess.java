package io.gureum.hypervisor.libvirt;

/** Lets benchmark baselines outside this package start the driver's process-wide libvirt event loop. */
public final class EventLoopAccess {

    private EventLoopAccess() {
    }

    /** Registers and runs libvirt's default event loop (once per JVM); call before opening a Connect. */
    public static void ensureRunning() {
        EventLoop.ensureRunning();
    }
}
