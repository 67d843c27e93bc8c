package io.gureum.container.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A deadline's interrupt never outlives the call it guards. */
class DeadlinesTest {

    private Deadlines deadlines;

    @AfterEach
    void close() {
        if (deadlines != null) {
            deadlines.close();
        }
        Thread.interrupted();
    }

    @Test
    void an_expiring_deadline_that_loses_the_race_to_finish_leaves_no_interrupt_behind() throws Exception {
        CountDownLatch timerFired = new CountDownLatch(1);
        // The timer has decided to expire but has not interrupted yet when the caller finishes: the window in
        // which the old compare-and-set guard let the interrupt land after finish() had returned.
        deadlines = new Deadlines("test", () -> {
            timerFired.countDown();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1000));
        });
        Deadlines.Guard guard = deadlines.start(Duration.ofMillis(5));
        assertThat(awaitUninterruptibly(timerFired)).isTrue();

        boolean expired = guard.finish();

        assertThat(expired).as("the deadline fired before the call finished").isTrue();
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1500)); // longer than the timer's pause
        assertThat(Thread.currentThread().isInterrupted())
                .as("an interrupt landed after finish() returned").isFalse();
    }

    @Test
    void a_call_that_finishes_in_time_is_never_interrupted_later() {
        deadlines = new Deadlines("test");
        for (int i = 0; i < 200; i++) {
            Deadlines.Guard guard = deadlines.start(Duration.ofNanos(50_000 + (i % 7) * 20_000L));
            LockSupport.parkNanos(60_000); // around the deadline, so both orders happen
            guard.finish();
            LockSupport.parkNanos(200_000);
            assertThat(Thread.currentThread().isInterrupted()).as("interrupt after finish() in round " + i).isFalse();
        }
    }

    @Test
    void an_expired_deadline_interrupts_a_blocked_call_and_finish_reports_it() {
        deadlines = new Deadlines("test");
        Deadlines.Guard guard = deadlines.start(Duration.ofMillis(20));
        boolean interrupted;
        try {
            Thread.sleep(5_000);
            interrupted = false;
        } catch (InterruptedException e) {
            interrupted = true;
        }
        assertThat(interrupted).isTrue();
        assertThat(guard.expired()).isTrue();
        assertThat(guard.finish()).isTrue();
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    private static boolean awaitUninterruptibly(CountDownLatch latch) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (latch.getCount() > 0 && System.nanoTime() < end) {
            LockSupport.parkNanos(1_000_000);
        }
        return latch.getCount() == 0;
    }
}
