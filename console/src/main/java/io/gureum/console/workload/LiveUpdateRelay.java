package io.gureum.console.workload;

import io.gureum.console.system.ConsoleInstance;
import io.gureum.console.ui.LiveUpdates;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Live updates across console instances on PostgreSQL: a workload's state change observed by one instance reaches
 * the views open on every other within the 2 s bound. Each change this instance publishes is sent as a
 * {@code NOTIFY} on {@value #CHANNEL} (from a thread of its own, on a pooled connection in auto-commit); a dedicated
 * connection {@code LISTEN}s, and each notification from another instance goes straight to the open views
 * ({@link LiveUpdates}) — not onto the event bus, so that audit, state log and keepers act on a change once, on the
 * instance that observed it. The listening connection is re-opened after a database restart; what changed meanwhile
 * reaches the views through their slow poll. On H2 (one instance) nothing of this runs: the in-process event suffices.
 */
@Component
class LiveUpdateRelay implements SmartLifecycle {

    static final String CHANNEL = "gureum_live_updates";
    private static final Logger log = LoggerFactory.getLogger(LiveUpdateRelay.class);
    /** NOTIFY payloads must stay under 8000 bytes; a reason is a sentence, never that long. */
    private static final int REASON_LENGTH = 1000;
    private static final Duration WAIT = Duration.ofMillis(500);
    /** An idle listening connection is checked this often, so a dead one is noticed and re-opened. */
    private static final Duration CHECK_IDLE = Duration.ofSeconds(5);
    private static final Duration RECONNECT_PAUSE = Duration.ofSeconds(1);

    /** What travels in a notification. */
    record Message(String origin, WorkloadKind kind, UUID workloadId, Long projectId, String to, String reason) {
    }

    /** A state change another instance observed, as the open views see it. */
    record RemoteStateChanged(WorkloadKind kind, UUID workloadId, Long projectId, WorkloadStatus to, String reason)
            implements WorkloadEvents.StateChanged {
    }

    private final ConsoleInstance instance;
    private final LiveUpdates views;
    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final String url;
    private final String username;
    private final String password;
    private final AtomicLong received = new AtomicLong();
    private ExecutorService sending;
    private volatile boolean running;
    private volatile boolean listeningNow;

    LiveUpdateRelay(ConsoleInstance instance, LiveUpdates views, JdbcTemplate jdbc, JsonMapper json,
                    @Value("${spring.datasource.url:}") String url,
                    @Value("${spring.datasource.username:}") String username,
                    @Value("${spring.datasource.password:}") String password) {
        this.instance = instance;
        this.views = views;
        this.jdbc = jdbc;
        this.json = json;
        this.url = url;
        this.username = username;
        this.password = password;
    }

    /** Whether the database can carry live updates between instances (PostgreSQL). */
    boolean enabled() {
        return url.startsWith("jdbc:postgresql:");
    }

    /** Whether the listening connection is open now (tests wait for it before they send). */
    boolean listening() {
        return listeningNow;
    }

    /** Notifications from other instances handed to the views so far. */
    long received() {
        return received.get();
    }

    @EventListener
    void on(WorkloadEvents.StateChanged changed) {
        if (!running || changed instanceof RemoteStateChanged) {
            return;
        }
        String reason = changed.reason();
        if (reason != null && reason.length() > REASON_LENGTH) {
            reason = reason.substring(0, REASON_LENGTH);
        }
        String payload = json.writeValueAsString(new Message(instance.id(), changed.kind(), changed.workloadId(),
                changed.projectId(), changed.to().name(), reason));
        try {
            sending.execute(() -> send(payload));
        } catch (RejectedExecutionException stopping) {
            log.debug("not relaying a live update: the console is stopping");
        }
    }

    private void send(String payload) {
        try {
            jdbc.query("select pg_notify(?, ?)", rs -> null, CHANNEL, payload);
        } catch (RuntimeException e) {
            // The other instances' views still catch up at their next poll.
            log.warn("Could not relay a live update to the other console instances: {}", e.getMessage());
        }
    }

    private void listen() {
        while (running) {
            try (Connection connection = DriverManager.getConnection(url, credentials())) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                listeningNow = true;
                long idleSince = System.nanoTime();
                while (running) {
                    PGNotification[] notifications = pg.getNotifications((int) WAIT.toMillis());
                    if (notifications != null && notifications.length > 0) {
                        for (PGNotification notification : notifications) {
                            deliver(notification.getParameter());
                        }
                        idleSince = System.nanoTime();
                    } else if (System.nanoTime() - idleSince > CHECK_IDLE.toNanos()) {
                        try (Statement check = connection.createStatement()) {
                            check.execute("select 1");
                        }
                        idleSince = System.nanoTime();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    log.warn("Listening for other console instances' live updates failed ({}); reconnecting",
                            e.getMessage());
                }
            } finally {
                listeningNow = false;
            }
            pause();
        }
    }

    private void deliver(String payload) {
        try {
            Message message = json.readValue(payload, Message.class);
            if (instance.id().equals(message.origin())) {
                return; // this instance's own change already reached its views in process
            }
            String state = message.to();
            received.incrementAndGet();
            views.publishedElsewhere(new RemoteStateChanged(message.kind(), message.workloadId(),
                    message.projectId(), () -> state, message.reason()));
        } catch (RuntimeException e) {
            log.warn("Ignoring a live update notification that could not be read: {}", e.getMessage());
        }
    }

    private Properties credentials() {
        Properties properties = new Properties();
        properties.setProperty("user", username);
        properties.setProperty("password", password);
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("ApplicationName", "gureum-live-updates");
        return properties;
    }

    /** Waits before reconnecting, without Thread.sleep's interrupt (nothing here should be interrupted). */
    private void pause() {
        long until = System.nanoTime() + RECONNECT_PAUSE.toNanos();
        while (running && System.nanoTime() < until) {
            LockSupport.parkNanos(until - System.nanoTime());
        }
    }

    @Override
    public void start() {
        if (!enabled() || running) {
            return;
        }
        running = true;
        sending = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("live-update-notify").daemon().factory());
        Thread.ofPlatform().name("live-update-listen").daemon().start(this::listen);
    }

    /** Ends the loops at their next turn (at most {@link #WAIT}); no interrupt reaches a thread in database I/O. */
    @Override
    public void stop() {
        running = false;
        if (sending != null) {
            sending.shutdown();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
