package io.gureum.console.task;

import static io.gureum.console.testsupport.Actors.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;

import io.gureum.console.testsupport.ConsoleTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
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
        UUID id = UUID.randomUUID();
        Instant then = Instant.now().minus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MICROS);
        transactions.executeWithoutResult(tx -> {
            TaskRecord task = new TaskRecord(id, new TaskRequest("vm.create", "vm", id.toString(), "web-1", null),
                    "alice", then);
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

    /** The lock row as another console instance holding it until {@code until} left it. */
    private void holdRecoveryLock(String until) {
        jdbc.update("delete from shedlock where name = ?", TaskRecovery.LOCK);
        jdbc.update("insert into shedlock (name, lock_until, locked_at, locked_by) values (?, ?, ?, ?)",
                TaskRecovery.LOCK, Timestamp.valueOf(until), Timestamp.valueOf("2000-01-01 00:00:00"), "other-console");
    }
}
