package io.gureum.console.workload;

import io.gureum.console.quota.QuotaDrift;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The recount of one kind against its hosts, per project, written once for every kind: how many rows count against
 * quota, how many of them a host really holds, which are missing on their host and which resources a host holds
 * that the console has no row for. A kind's drift source feeds it host by host and reads the report.
 */
public final class DriftTally {

    private final Map<Long, long[]> counts = new TreeMap<>(); // project -> {recorded, found}
    private final Map<Long, TreeSet<String>> missing = new TreeMap<>();
    private final Map<Long, TreeSet<String>> unrecorded = new TreeMap<>();

    /** A row that counts against quota, found on its host or not. */
    public void recorded(long projectId, boolean found, String name, String hostName) {
        long[] c = counts.computeIfAbsent(projectId, p -> new long[2]);
        c[0]++;
        if (found) {
            c[1]++;
        } else {
            missing.computeIfAbsent(projectId, p -> new TreeSet<>()).add(name + " on " + hostName);
        }
    }

    /** A resource the console made for the project that a host holds without a row. */
    public void unrecorded(long projectId, String name, String hostName) {
        counts.computeIfAbsent(projectId, p -> new long[2])[1]++;
        unrecorded.computeIfAbsent(projectId, p -> new TreeSet<>()).add(name + " on " + hostName);
    }

    /** The projects where the rows and the hosts disagree, {@code resource} naming the kind ("vms"). */
    public List<QuotaDrift> report(String resource) {
        List<QuotaDrift> drift = new ArrayList<>();
        counts.forEach((project, c) -> {
            if (missing.containsKey(project) || unrecorded.containsKey(project)) {
                List<String> parts = new ArrayList<>();
                if (missing.containsKey(project)) {
                    parts.add("missing on their host: " + String.join(", ", missing.get(project)));
                }
                if (unrecorded.containsKey(project)) {
                    parts.add("on a host but not recorded: " + String.join(", ", unrecorded.get(project)));
                }
                drift.add(new QuotaDrift(project, resource, c[0], c[1], String.join("; ", parts)));
            }
        });
        return drift;
    }

    /** The project id a resource's label or metadata names; -1 when it names none (not one of ours). */
    public static long projectOf(String projectId) {
        try {
            return projectId == null ? -1 : Long.parseLong(projectId);
        } catch (NumberFormatException notOurs) {
            return -1;
        }
    }
}
