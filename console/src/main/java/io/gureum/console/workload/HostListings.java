package io.gureum.console.workload;

import io.gureum.console.host.HostService;
import io.gureum.console.host.HostSummary;
import java.util.List;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;

/** One bulk listing per answering host, for the mechanics that ask every host (drift, adoption). */
final class HostListings {

    private HostListings() {
    }

    /**
     * Lists each host for which {@code answers} holds and hands the listing to {@code then}; a host whose listing
     * fails with an exception {@code unreachable} accepts is passed over, any other failure is thrown.
     */
    static <R> void each(HostService hosts, Predicate<HostSummary> answers, Function<UUID, List<R>> list,
                         Predicate<RuntimeException> unreachable, BiConsumer<HostSummary, List<R>> then) {
        for (HostSummary host : hosts.forPlacement()) {
            if (!answers.test(host)) {
                continue;
            }
            List<R> listed;
            try {
                listed = list.apply(host.id());
            } catch (RuntimeException e) {
                if (!unreachable.test(e)) {
                    throw e;
                }
                continue;
            }
            then.accept(host, listed);
        }
    }
}
