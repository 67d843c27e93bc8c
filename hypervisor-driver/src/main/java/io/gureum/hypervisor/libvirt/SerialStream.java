package io.gureum.hypervisor.libvirt;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.PointerType;
import io.gureum.hypervisor.HypervisorException;
import io.gureum.hypervisor.SerialSession;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.libvirt.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A VM's serial console through {@code virDomainOpenConsole}. libvirt-java 0.5.4 has no binding for it, so it is
 * called through JNA with the native pointers of libvirt-java's own {@link Domain} and {@link Stream} (read by
 * reflection: they are not public). The stream is blocking and read on a platform thread of its own; measured
 * here, writes and other calls on the same connection are not held up by a pending read.
 */
final class SerialStream implements SerialSession {
    private static final Logger log = LoggerFactory.getLogger(SerialStream.class);

    /** The two libvirt functions libvirt-java does not map. */
    interface ConsoleFunctions extends com.sun.jna.Library {
        ConsoleFunctions LIBVIRT = Native.load("virt", ConsoleFunctions.class);

        int virDomainOpenConsole(Pointer domain, String device, Pointer stream, int flags);

        String virGetLastErrorMessage();
    }

    private final Stream stream;
    private final Listener listener;
    private final AtomicBoolean ended = new AtomicBoolean();

    private SerialStream(Stream stream, Listener listener) {
        this.stream = stream;
        this.listener = listener;
    }

    /** Opens the first serial console of a running domain and starts reading it. */
    static SerialStream open(Connect c, Domain d, Listener listener) throws LibvirtException {
        if (!Domains.isActive(d)) {
            throw new HypervisorException.WrongState("VM " + d.getName() + " is not running: it has no serial console");
        }
        Stream stream = c.streamNew(0);
        // Flags 0: a console someone else holds is refused, not stolen (VIR_DOMAIN_CONSOLE_FORCE would steal it).
        if (ConsoleFunctions.LIBVIRT.virDomainOpenConsole(pointer(d, "vdp"), null, pointer(stream, "vsp"), 0) < 0) {
            String why = ConsoleFunctions.LIBVIRT.virGetLastErrorMessage();
            stream.free();
            throw new HypervisorException.WrongState("cannot open the serial console of VM " + d.getName() + ": " + why);
        }
        SerialStream serial = new SerialStream(stream, listener);
        Thread.ofPlatform().daemon().name("gureum-serial-" + d.getName()).start(serial::readUntilEnd);
        return serial;
    }

    private void readUntilEnd() {
        byte[] buffer = new byte[16 * 1024];
        try {
            int n;
            while (!ended.get() && (n = stream.receive(buffer)) > 0) {
                listener.output(Arrays.copyOf(buffer, n));
            }
        } catch (LibvirtException e) {
            if (!ended.get()) {
                log.debug("serial console ended: {}", e.getMessage());
            }
        } catch (RuntimeException e) {
            log.warn("serial console listener failed", e);
        }
        end(false);
        try {
            stream.free();
        } catch (LibvirtException ignored) {
            // freed with its connection
        }
    }

    @Override
    public void write(byte[] input) {
        if (ended.get() || input.length == 0) {
            return;
        }
        try {
            synchronized (stream) {
                stream.send(input);
            }
        } catch (LibvirtException e) {
            end(true);
        }
    }

    @Override
    public boolean isOpen() {
        return !ended.get();
    }

    @Override
    public void close() {
        end(true);
    }

    private void end(boolean abort) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        if (abort) {
            try {
                stream.abort(); // wakes the reader, which frees the stream
            } catch (LibvirtException ignored) {
                // already closed by libvirt
            }
        }
        listener.ended();
    }

    /** The native pointer inside a libvirt-java object ({@code vdp} of a Domain, {@code vsp} of a Stream). */
    static Pointer pointer(Object libvirtObject, String field) {
        try {
            Field f = libvirtObject.getClass().getDeclaredField(field);
            f.setAccessible(true);
            return ((PointerType) f.get(libvirtObject)).getPointer();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("libvirt-java changed: no field " + field + " in "
                    + libvirtObject.getClass().getName(), e);
        }
    }
}
