package io.gureum.console.workload;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.shared.Registration;
import io.gureum.console.system.ConsoleInstance;
import io.gureum.console.system.LiveUpdate;
import io.gureum.console.testsupport.ConsoleTest;
import io.gureum.console.ui.LiveUpdates;
import io.gureum.console.vm.VmEvents;
import io.gureum.console.vm.VmStatus;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Live updates between console instances through PostgreSQL's LISTEN/NOTIFY. "The other instance" is a plain JDBC
 * connection that listens or notifies on the relay's channel with another instance id, as a second console does.
 */
@ConsoleTest
@Tag("postgres-only") // LISTEN/NOTIFY exists only on PostgreSQL (console/pom.xml, execution 'postgres')
class LiveUpdateRelayTest {

    private static final Duration BOUND = Duration.ofSeconds(2);

    @Autowired
    LiveUpdateRelay relay;

    @Autowired
    LiveUpdates liveUpdates;

    @Autowired
    ConsoleInstance instance;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    JdbcTemplate jdbc;

    @Value("${spring.datasource.url}")
    String url;

    @Value("${spring.datasource.username}")
    String username;

    @Value("${spring.datasource.password}")
    String password;

    @Test
    void a_state_change_another_instance_announces_reaches_the_open_views_here_within_two_seconds() throws Exception {
        awaitListening();
        UUID vm = UUID.randomUUID();
        List<LiveUpdate> seen = new CopyOnWriteArrayList<>();
        Registration subscription = recordInto(seen);
        try {
            long sent = System.nanoTime();
            notifyAsOtherInstance(vm, "STOPPED");
            long arrived = awaitSeen(seen, vm);
            Duration latency = Duration.ofNanos(arrived - sent);
            System.out.printf("LISTEN/NOTIFY live update latency: %d ms%n", latency.toMillis());
            assertThat(latency).isLessThan(BOUND);
            WorkloadEvents.StateChanged changed = (WorkloadEvents.StateChanged) seen.stream()
                    .filter(u -> u instanceof WorkloadEvents.StateChanged c && c.workloadId().equals(vm)).findFirst()
                    .orElseThrow();
            assertThat(changed.kind()).isEqualTo(WorkloadKind.VM);
            assertThat(changed.projectId()).isEqualTo(7L);
            assertThat(changed.to().name()).isEqualTo("STOPPED");
            assertThat(changed.reason()).isEqualTo("destroyed by hand");
        } finally {
            subscription.remove();
        }
    }

    @Test
    void a_state_change_observed_here_is_announced_to_the_other_instances_once_with_this_instances_id()
            throws Exception {
        UUID vm = UUID.randomUUID();
        try (Connection other = connect()) {
            try (Statement listen = other.createStatement()) {
                listen.execute("LISTEN " + LiveUpdateRelay.CHANNEL);
            }
            events.publishEvent(new VmEvents.VmStateChanged(vm, 7L, VmStatus.RUNNING, VmStatus.STOPPED,
                    "destroyed by hand"));
            String payload = null;
            long deadline = System.nanoTime() + BOUND.toNanos();
            while (payload == null && System.nanoTime() < deadline) {
                PGNotification[] got = other.unwrap(PGConnection.class).getNotifications(200);
                for (PGNotification n : got == null ? new PGNotification[0] : got) {
                    if (n.getParameter().contains(vm.toString())) {
                        payload = n.getParameter();
                    }
                }
            }
            assertThat(payload).as("notified within 2 s").isNotNull()
                    .contains("\"origin\":\"" + instance.id() + "\"").contains("\"to\":\"STOPPED\"")
                    .contains("\"kind\":\"VM\"");
        }
    }

    @Test
    void after_its_listening_connection_is_cut_the_relay_reconnects_and_delivers_again() throws Exception {
        awaitListening();
        jdbc.query("select pg_terminate_backend(pid) from pg_stat_activity where application_name = ?",
                rs -> null, "gureum-live-updates");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (relay.listening() && System.nanoTime() < deadline) {
            Thread.sleep(50); // the cut is noticed at the next wait or check
        }
        awaitListening();
        UUID vm = UUID.randomUUID();
        List<LiveUpdate> seen = new CopyOnWriteArrayList<>();
        Registration subscription = recordInto(seen);
        try {
            notifyAsOtherInstance(vm, "RUNNING");
            awaitSeen(seen, vm);
        } finally {
            subscription.remove();
        }
    }

    /** Records every live update where the open views receive them (no UI to refresh here). */
    private Registration recordInto(List<LiveUpdate> seen) {
        return liveUpdates.subscribe(new UI(), update -> {
            seen.add(update);
            return false;
        }, () -> { });
    }

    private void awaitListening() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!relay.listening() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(relay.listening()).as("the relay listens on PostgreSQL").isTrue();
    }

    private long awaitSeen(List<LiveUpdate> seen, UUID vm) throws InterruptedException {
        long deadline = System.nanoTime() + BOUND.toNanos() * 2;
        while (System.nanoTime() < deadline) {
            if (seen.stream().anyMatch(u -> u instanceof WorkloadEvents.StateChanged c && c.workloadId().equals(vm))) {
                return System.nanoTime();
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the other instance's change never reached this instance's views");
    }

    private void notifyAsOtherInstance(UUID vm, String state) throws Exception {
        String payload = "{\"origin\":\"other-" + UUID.randomUUID() + "\",\"kind\":\"VM\",\"workloadId\":\"" + vm
                + "\",\"projectId\":7,\"to\":\"" + state + "\",\"reason\":\"destroyed by hand\"}";
        try (Connection other = connect();
             var notify = other.prepareStatement("select pg_notify(?, ?)")) {
            notify.setString(1, LiveUpdateRelay.CHANNEL);
            notify.setString(2, payload);
            notify.execute();
        }
    }

    private Connection connect() throws Exception {
        return DriverManager.getConnection(url, username, password);
    }
}
