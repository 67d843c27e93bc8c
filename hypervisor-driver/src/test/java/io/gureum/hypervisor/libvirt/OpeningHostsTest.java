package io.gureum.hypervisor.libvirt;

import io.gureum.hypervisor.Hypervisor;
import io.gureum.hypervisor.HypervisorException;
import io.gureum.hypervisor.testsupport.Requires;
import org.junit.jupiter.api.Test;

import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpeningHostsTest {

    @Test
    void an_unreachable_daemon_is_unavailable_with_libvirts_code_and_message() {
        assertThatThrownBy(() -> LibvirtHypervisor.open("qemu+unix:///system?socket=/nonexistent/libvirt-sock"))
                .isInstanceOf(HypervisorException.Unavailable.class)
                .hasMessageContaining("/nonexistent/libvirt-sock")
                .satisfies(e -> assertThat(((HypervisorException) e).backendCode()).startsWith("VIR_ERR_"));
    }

    @Test
    void options_refuse_more_workers_than_libvirtd_serves_per_client() {
        assertThatThrownBy(() -> new LibvirtOptions(java.net.URI.create("test:///default"), 5,
                java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(1),
                java.nio.file.Path.of("/tmp"))).isInstanceOf(HypervisorException.InvalidSpec.class);
    }

    @Test
    void virtual_threads_can_call_the_driver_and_a_closed_host_is_unavailable() throws Exception {
        Hypervisor hv;
        try {
            hv = LibvirtHypervisor.open("test:///default");
        } catch (HypervisorException.Unavailable e) {
            Requires.that(false, "libvirt client library missing: " + e.getMessage());
            return;
        }
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            var futures = java.util.stream.IntStream.range(0, 20).mapToObj(i -> executor.submit(hv::listAll)).toList();
            for (var f : futures) {
                assertThat(f.get()).isNotNull();
            }
            // errors are thread-local in libvirt: a miss from a virtual thread must still carry its own code
            assertThat(executor.submit(() -> {
                try {
                    hv.poolInfo("no-such-pool");
                    return null;
                } catch (HypervisorException.NotFound e) {
                    return e.backendCode();
                }
            }).get()).isEqualTo("VIR_ERR_NO_STORAGE_POOL");
        }
        hv.close();
        assertThat(hv.isAvailable()).isFalse();
        assertThatThrownBy(hv::listAll).isInstanceOf(HypervisorException.Unavailable.class);
    }

    @Test
    void closing_a_host_while_calls_are_running_lets_them_finish_instead_of_freeing_the_connection_under_them()
            throws Exception {
        // Before the fix this crashed the JVM (SIGSEGV in virConnectNumOfStoragePools).
        for (int round = 0; round < 20; round++) {
            Hypervisor hv = LibvirtHypervisor.open("test:///default");
            var pool = Executors.newFixedThreadPool(4);
            var started = new java.util.concurrent.CountDownLatch(4);
            var answered = new java.util.concurrent.atomic.AtomicInteger();
            for (int t = 0; t < 4; t++) {
                pool.submit(() -> {
                    started.countDown();
                    for (int i = 0; i < 200; i++) {
                        try {
                            hv.hostInfo();
                            answered.incrementAndGet();
                        } catch (HypervisorException.Unavailable closed) {
                            return;
                        }
                    }
                });
            }
            started.await();
            hv.close();
            pool.shutdown();
            assertThat(pool.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThatThrownBy(hv::hostInfo).isInstanceOf(HypervisorException.Unavailable.class);
        }
    }
}
