package io.gureum.console.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.server.Command;
import com.vaadin.flow.shared.Registration;
import io.gureum.console.system.LiveUpdate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LiveUpdatesTest {

    record Changed(Long projectId, String what) implements LiveUpdate {
    }

    /** Deliveries run on the publishing thread here, so that the test sees them in order. */
    private final LiveUpdates live = new LiveUpdates(new SameThread());

    static final class SameThread extends java.util.concurrent.AbstractExecutorService {
        @Override
        public void execute(Runnable command) {
            command.run();
        }

        @Override
        public void shutdown() {
        }

        @Override
        public java.util.List<Runnable> shutdownNow() {
            return java.util.List.of();
        }

        @Override
        public boolean isShutdown() {
            return false;
        }

        @Override
        public boolean isTerminated() {
            return false;
        }

        @Override
        public boolean awaitTermination(long timeout, java.util.concurrent.TimeUnit unit) {
            return true;
        }
    }
    private final List<Command> queued = new ArrayList<>();

    /** A UI whose access() queues the command, as Vaadin does until the session lock is free. */
    private UI queueingUi() {
        UI ui = mock(UI.class);
        when(ui.access(any())).thenAnswer(call -> {
            queued.add(call.getArgument(0));
            return CompletableFuture.completedFuture(null);
        });
        return ui;
    }

    private void runQueued() {
        List<Command> now = new ArrayList<>(queued);
        queued.clear();
        now.forEach(Command::execute);
    }

    @Test
    void a_view_refreshes_only_for_the_updates_it_cares_about() {
        AtomicInteger refreshes = new AtomicInteger();
        live.subscribe(queueingUi(), update -> update.projectId() == 1L, refreshes::incrementAndGet);

        live.on(new Changed(2L, "other project"));
        runQueued();
        assertThat(refreshes).hasValue(0);

        live.on(new Changed(1L, "mine"));
        runQueued();
        assertThat(refreshes).hasValue(1);
    }

    @Test
    void a_burst_of_updates_costs_one_refresh_until_it_ran() {
        AtomicInteger refreshes = new AtomicInteger();
        live.subscribe(queueingUi(), update -> true, refreshes::incrementAndGet);

        for (int i = 0; i < 500; i++) {
            live.on(new Changed(1L, "vm " + i));
        }
        assertThat(queued).hasSize(1);
        runQueued();
        assertThat(refreshes).hasValue(1);

        live.on(new Changed(1L, "later"));
        runQueued();
        assertThat(refreshes).hasValue(2);
    }

    @Test
    void a_closed_view_or_a_detached_ui_gets_nothing_more() {
        AtomicInteger refreshes = new AtomicInteger();
        Registration registration = live.subscribe(queueingUi(), update -> true, refreshes::incrementAndGet);
        UI detached = mock(UI.class);
        when(detached.access(any())).thenThrow(new UIDetachedException());
        live.subscribe(detached, update -> true, refreshes::incrementAndGet);
        assertThat(live.subscribers()).isEqualTo(2);

        live.on(new Changed(1L, "first"));
        assertThat(live.subscribers()).isEqualTo(1);
        registration.remove();
        assertThat(live.subscribers()).isZero();

        runQueued();
        live.on(new Changed(1L, "after close"));
        assertThat(queued).isEmpty();
        assertThat(refreshes).hasValue(1);
    }

    @Test
    void a_followed_view_polls_and_takes_updates_until_it_is_detached() {
        UI ui = queueingUi();
        Registration pollListener = mock(Registration.class);
        AtomicInteger polls = new AtomicInteger();
        @SuppressWarnings("unchecked")
        var captured = org.mockito.ArgumentCaptor.forClass(com.vaadin.flow.component.ComponentEventListener.class);
        when(ui.addPollListener(captured.capture())).thenReturn(pollListener);
        AtomicInteger refreshes = new AtomicInteger();

        Registration following = live.follow(ui, 2000, polls::incrementAndGet, update -> true,
                refreshes::incrementAndGet);
        verify(ui).setPollInterval(2000);
        captured.getValue().onComponentEvent(null);
        live.on(new Changed(1L, "seen"));
        runQueued();
        assertThat(polls).hasValue(1);
        assertThat(refreshes).hasValue(1);

        following.remove();
        verify(pollListener).remove();
        verify(ui).setPollInterval(-1);
        assertThat(live.subscribers()).isZero();
    }
}
