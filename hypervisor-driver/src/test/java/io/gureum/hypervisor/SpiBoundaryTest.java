package io.gureum.hypervisor;

import io.gureum.hypervisor.libvirt.LibvirtHypervisor;
import io.gureum.hypervisor.libvirt.LibvirtOptions;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The console must never see a libvirt type: walk everything the SPI exposes. */
class SpiBoundaryTest {

    private final Set<String> seen = new HashSet<>();

    @Test
    void no_libvirt_or_jna_type_is_reachable_from_the_public_api() {
        for (Class<?> root : new Class<?>[]{Hypervisor.class, LibvirtHypervisor.class, LibvirtOptions.class, VmSpec.class}) {
            walk(root);
        }
        assertThat(seen).isNotEmpty().noneMatch(n -> n.startsWith("org.libvirt") || n.startsWith("com.sun.jna"));
    }

    private void walk(Type type) {
        if (type instanceof ParameterizedType p) {
            walk(p.getRawType());
            for (Type arg : p.getActualTypeArguments()) {
                walk(arg);
            }
            return;
        }
        if (!(type instanceof Class<?> c) || c.isPrimitive() || !seen.add(c.getName())) {
            return;
        }
        if (!c.getName().startsWith("io.gureum")) {
            return;
        }
        for (Method m : c.getMethods()) {
            if (m.getDeclaringClass().getName().startsWith("io.gureum")) {
                walk(m.getGenericReturnType());
                for (Type t : m.getGenericParameterTypes()) {
                    walk(t);
                }
            }
        }
        if (c.isRecord()) {
            for (RecordComponent rc : c.getRecordComponents()) {
                walk(rc.getGenericType());
            }
        }
        for (Class<?> nested : c.getClasses()) {
            walk(nested);
        }
        if (c.getSuperclass() != null) {
            walk(c.getSuperclass());
        }
    }
}
