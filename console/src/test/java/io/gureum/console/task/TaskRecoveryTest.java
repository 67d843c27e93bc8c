package io.gureum.console.task;

import static io.gureum.console.testsupport.Actors.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;

import io.gureum.console.testsupport.ConsoleTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.transaction.support.TransactionTemplate;

@ConsoleTest
@Tag("postgres") // also run on PostgreSQL (console/pom.xml, execution 'postgres')
@RecordApplicationEvents
class TaskRecoveryTest {

    @Autowired
    TaskRecovery recovery;

    @Autowired
    TaskService tasks;

    @Autowired
    TaskRecordRepository records;

    @Autowired
    TaskStepRepository steps;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    ApplicationEvents events;

    @Autowired
    JdbcTemplate jdbc;

    /** A task row as a previous console process left it. */
    private UUID leftBehind(TaskState state) {
        return leftBehind(state, null);
    }

    /** A task row as the console instance {@code instance} (null: one from before V22) recorded it. */
    private UUID leftBehind(TaskState state, String instance) {
        UUID id = UUID.randomUUID();
        Instant then = Instant.now().minus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MICROS);
        transactions.executeWithoutResult(tx -> {
            TaskRecord task = new TaskRecord(id, new TaskRequest("vm.create", "vm", id.toString(), "web-1", null),
                    "alice", instance, then);
            if (state == TaskState.RUNNING) {
                task.started(then);
                task.progress(40);
            }
            records.save(task);
            if (state == TaskState.RUNNING) {
                TaskStep done = new TaskStep(id, 1, "place on a host", then);
                done.end(TaskStep.DONE, then);
                steps.save(done);
                steps.save(new TaskStep(id, 2, "create copy-on-write disk", then));
            }
        });
        return id;
    }

    @Test
    void after_a_restart_no_task_stays_running_or_queued_and_features_are_told_to_clean_up()
            throws InterruptedException {
        UUID running = leftBehind(TaskState.RUNNING);
        UUID queued = leftBehind(TaskState.QUEUED);
        CountDownLatch release = new CountDownLatch(1);
        TaskSummary alive = asAdmin(() -> tasks.submit(new TaskRequest("vm.start", "vm", "alive", "alive", null),
                context -> release.await(20, TimeUnit.SECONDS)));
        try {
            recovery.recover();

            for (UUID id : new UUID[] {running, queued}) {
                TaskSummary task = asAdmin(() -> tasks.get(id));
                assertThat(task.state()).isEqualTo(TaskState.FAILED);
                assertThat(task.message())
                        .isEqualTo("Interrupted by a console restart; what it had made was cleaned up.");
                assertThat(task.finishedAt()).isNotNull();
            }
            assertThat(asAdmin(() -> tasks.steps(running))).extracting(TaskStepView::state)
                    .containsExactly("DONE", "FAILED");
            assertThat(events.stream(TaskEvents.TaskInterrupted.class))
                    .extracting(TaskEvents.TaskInterrupted::taskId).contains(running, queued)
                    .doesNotContain(alive.id());
            assertThat(events.stream(TaskEvents.TaskInterrupted.class))
                    .filteredOn(e -> e.taskId().equals(running)).singleElement()
                    .satisfies(e -> {
                        assertThat(e.action()).isEqualTo("vm.create");
                        assertThat(e.targetType()).isEqualTo("vm");
                        assertThat(e.targetId()).isEqualTo(running.toString());
                    });
            // A task this console is running right now is not an interrupted one.
            assertThat(asAdmin(() -> tasks.get(alive.id())).state()).isIn(TaskState.QUEUED, TaskState.RUNNING);
        } finally {
            release.countDown();
        }
        assertThat(asAdmin(() -> tasks.await(alive.id(), Duration.ofSeconds(20))).state())
                .isEqualTo(TaskState.SUCCEEDED);

        events.clear();
        recovery.recover();
        assertThat(events.stream(TaskEvents.TaskInterrupted.class)).isEmpty();
    }

    @Test
    void while_another_instance_recovers_interrupted_tasks_this_one_leaves_them_to_it() {
        UUID running = leftBehind(TaskState.RUNNING);
        holdRecoveryLock("2999-01-01 00:00:00");
        try {
            assertThat(recovery.recoverOnce()).isFalse();
            assertThat(asAdmin(() -> tasks.get(running)).state()).isEqualTo(TaskState.RUNNING);
        } finally {
            holdRecoveryLock("2000-01-01 00:00:00"); // the other instance died: its lock has expired
        }
        assertThat(recovery.recoverOnce()).isTrue();
        assertThat(asAdmin(() -> tasks.get(running)).state()).isEqualTo(TaskState.FAILED);
    }

    /**
     * Two instances: the one that stopped beating has its running task failed (with clean-up) by this one within
     * seconds, without a restart; the one still beating keeps its task running.
     */
    @Test
    void the_tasks_of_an_instance_that_stopped_beating_end_failed_and_a_live_instances_tasks_keep_running()
            throws InterruptedException {
        String dead = UUID.randomUUID().toString();
        String alive = UUID.randomUUID().toString();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        jdbc.update("insert into console_instance (id, started_at, heartbeat_at) values (?, ?, ?)", dead,
                now.minusHours(1), now.minusMinutes(1));
        jdbc.update("insert into console_instance (id, started_at, heartbeat_at) values (?, ?, ?)", alive,
                now.minusHours(1), now);
        UUID orphan = leftBehind(TaskState.RUNNING, dead);
        UUID kept = leftBehind(TaskState.RUNNING, alive);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (asAdmin(() -> tasks.get(orphan)).state() == TaskState.RUNNING && System.nanoTime() < deadline) {
                jdbc.update("update console_instance set heartbeat_at = current_timestamp where id = ?", alive);
                Thread.sleep(200);
            }
            TaskSummary failed = asAdmin(() -> tasks.get(orphan));
            assertThat(failed.state()).as("taken over from the dead instance by the background pass")
                    .isEqualTo(TaskState.FAILED);
            assertThat(failed.message()).isEqualTo(TaskService.INTERRUPTED);
            assertThat(asAdmin(() -> tasks.steps(orphan))).extracting(TaskStepView::state)
                    .containsExactly("DONE", "FAILED");
            assertThat(asAdmin(() -> tasks.get(kept)).state()).as("a live instance's task").isEqualTo(TaskState.RUNNING);

            recovery.recover(); // as at a start of this instance: still not a live instance's task
            assertThat(asAdmin(() -> tasks.get(kept)).state()).isEqualTo(TaskState.RUNNING);
        } finally {
            jdbc.update("delete from console_instance where id = ?", alive);
            recovery.recover(); // the task of the instance now gone ends as well, leaving nothing running
            jdbc.update("delete from console_instance where id = ?", dead);
        }
        assertThat(asAdmin(() -> tasks.get(kept)).state()).isEqualTo(TaskState.FAILED);
    }

    /** The lock row as another console instance holding it until {@code until} left it. */
    private void holdRecoveryLock(String until) {
        jdbc.update("delete from shedlock where name = ?", TaskRecovery.LOCK);
        jdbc.update("insert into shedlock (name, lock_until, locked_at, locked_by) values (?, ?, ?, ?)",
                TaskRecovery.LOCK, Timestamp.valueOf(until), Timestamp.valueOf("2000-01-01 00:00:00"), "other-console");
    }
}
