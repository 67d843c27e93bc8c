package io.gureum.hypervisor.libvirt;

import io.gureum.hypervisor.HypervisorException;
import org.libvirt.Library;
import org.libvirt.LibvirtException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process-wide libvirt event loop. It must be registered before the first connection is
 * opened (a connection opened earlier silently gets no events, and keepalive then drops it),
 * and it runs for the life of the JVM on one dedicated platform daemon thread.
 */
final class EventLoop {

    private static final Logger log = LoggerFactory.getLogger(EventLoop.class);
    private static Thread thread;

    private EventLoop() {
    }

    static synchronized void ensureRunning() {
        if (thread != null) {
            return;
        }
        try {
            LibvirtErrors.silenceStderr();
            Library.initEventLoop();
        } catch (LibvirtException e) {
            throw LibvirtErrors.translate(e, "initialise the libvirt event loop");
        } catch (LinkageError e) {
            // UnsatisfiedLinkError, NoClassDefFoundError, ExceptionInInitializerError from JNA loading libvirt.so
            throw new HypervisorException.Unavailable("libvirt client library (Debian package libvirt0) cannot be loaded: " + e);
        }
        thread = Thread.ofPlatform().name("gureum-libvirt-event-loop").daemon(true).unstarted(EventLoop::run);
        thread.start();
    }

    private static void run() {
        try {
            Library.runEventLoop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (LibvirtException e) {
            log.error("libvirt event loop stopped: {}", e.getMessage());
        }
    }
}
