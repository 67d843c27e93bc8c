package io.gureum.console.workload;

import io.gureum.console.host.HostService;
import io.gureum.console.host.HostSummary;
import io.gureum.console.quota.QuotaService;
import io.gureum.console.quota.ResourceAmounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Taking a resource made by hand on a host into a project, the same for every kind: its quota reserved and its row
 * recorded in one transaction, one adoption at a time, under a valid name unique in the project, and a name on the
 * host no other row holds. The kind says what it counts and how to record it.
 */
@Component
public class Adoption {

    private final QuotaService quotas;
    private final TransactionTemplate transactions;
    private final HostService hosts;
    // One adoption at a time: two admins adopting one resource into two projects lock different quota rows.
    private final Object adoptions = new Object();

    Adoption(QuotaService quotas, TransactionTemplate transactions, HostService hosts) {
        this.quotas = quotas;
        this.transactions = transactions;
        this.hosts = hosts;
    }

    /**
     * What the answering hosts run that the console did not make and no live row holds: candidates for adoption.
     * Each answering host is listed once; one whose listing fails is passed over.
     *
     * @param answers  whether the kind's daemon on a host answers
     * @param list     the kind's bulk listing of a host
     * @param handMade whether a listed resource carries none of the console's marks
     * @param hostKey  a listed resource's id on its host
     * @param known    of the given ids on a host, those a live row holds
     * @param found    the unmanaged resource as the kind shows it
     */
    public <R, K, U> List<U> unmanaged(Predicate<HostSummary> answers, Function<UUID, List<R>> list,
                                       Predicate<R> handMade, Function<R, K> hostKey,
                                       Function<List<K>, Set<K>> known, BiFunction<HostSummary, R, U> found) {
        List<U> unmanaged = new ArrayList<>();
        HostListings.each(hosts, answers, list, unreachable -> true, (host, listed) -> {
            List<R> unmarked = listed.stream().filter(handMade).toList();
            if (unmarked.isEmpty()) {
                return;
            }
            Set<K> held = known.apply(unmarked.stream().map(hostKey).toList());
            for (R resource : unmarked) {
                if (!held.contains(hostKey.apply(resource))) {
                    unmanaged.add(found.apply(host, resource));
                }
            }
        });
        return unmanaged;
    }

    /** A resource made by hand, as its host describes it, and that host. */
    public record HandMade<I>(HostSummary host, I resource) {
    }

    /**
     * The resource {@code resourceId} on host {@code hostId} as {@code inspect} describes it; refused with the kind's
     * {@code invalid} when there is no such host, when the host has no such {@code noun} ({@code inspect} throws
     * {@code notFound}) and when the console made it ({@code madeByConsole}).
     */
    public <I> HandMade<I> inspect(UUID hostId, String noun, Object resourceId, Function<UUID, I> inspect,
                                   Class<? extends RuntimeException> notFound, Predicate<I> madeByConsole,
                                   Function<I, String> name, Function<String, RuntimeException> invalid) {
        HostSummary host = hosts.describe(hostId).orElseThrow(() -> invalid.apply(
                "There is no host " + hostId + "."));
        I resource;
        try {
            resource = inspect.apply(hostId);
        } catch (RuntimeException gone) {
            if (!notFound.isInstance(gone)) {
                throw gone;
            }
            throw invalid.apply("Host " + host.name() + " has no " + noun + " " + resourceId + ".");
        }
        if (madeByConsole.test(resource)) {
            throw invalid.apply(noun.substring(0, 1).toUpperCase(Locale.ROOT) + noun.substring(1) + " "
                    + name.apply(resource) + " was made by the console; it is not unmanaged.");
        }
        return new HandMade<>(host, resource);
    }

    /** Reserves {@code counted} of the project's quota and records the row, in one transaction. */
    public <E> E record(long projectId, ResourceAmounts counted, Supplier<E> record) {
        synchronized (adoptions) {
            return transactions.execute(tx -> {
                quotas.reserve(projectId, counted);
                return record.get();
            });
        }
    }

    /** Who adopts: the signed-in administrator. */
    public static String adopter() {
        return SecurityContextHolder.getContext().getAuthentication().getName();
    }

    /** A valid workload name from a hand-made resource's name, unique among the project's ({@code taken}). */
    public static String nameFor(String handName, Predicate<String> taken) {
        String base = handName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-")
                .replaceAll("-{2,}", "-").replaceAll("^[^a-z]+", "");
        base = trimmed(base, 32).replaceAll("-+$", "");
        if (base.isEmpty()) {
            base = "adopted";
        }
        String name = base;
        for (int n = 2; taken.test(name); n++) {
            String suffix = "-" + n;
            name = trimmed(base, 32 - suffix.length()).replaceAll("-+$", "") + suffix;
        }
        return name;
    }

    /**
     * The resource's own name as the row's host-side name, unless it is empty, too long or another row holds it:
     * then cut and followed by "@" and the first {@code idChars} characters of its id on the host.
     */
    public static String hostSideName(String handName, String hostId, int idChars, Predicate<String> taken) {
        return handName.isEmpty() || handName.length() > 63 || taken.test(handName)
                ? trimmed(handName, 63 - 1 - idChars) + "@" + hostId.substring(0, Math.min(idChars, hostId.length()))
                : handName;
    }

    public static String trimmed(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
