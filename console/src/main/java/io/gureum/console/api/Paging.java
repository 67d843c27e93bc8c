package io.gureum.console.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The bounds of {@code limit} and {@code offset} on the API's paged lists, checked before anything is read. */
final class Paging {

    static final int MAX_LIMIT = 500;
    static final String DEFAULT_LIMIT = "50";

    private Paging() {
    }

    /** Refuses a limit outside 1 to {@link #MAX_LIMIT} and a negative offset, naming each field. */
    static void check(int limit, int offset) {
        List<Map<String, String>> errors = new ArrayList<>();
        if (limit < 1 || limit > MAX_LIMIT) {
            errors.add(Map.of("field", "limit", "message", "Between 1 and " + MAX_LIMIT + "."));
        }
        if (offset < 0) {
            errors.add(Map.of("field", "offset", "message", "0 or more."));
        }
        if (!errors.isEmpty()) {
            throw new InvalidParameters(errors);
        }
    }

    /** One page of a list the facade hands out whole (a short one, such as the caller's projects). */
    static <T> Page<T> of(List<T> all, int limit, int offset) {
        check(limit, offset);
        int from = Math.min(offset, all.size());
        return new Page<>(List.copyOf(all.subList(from, Math.min(all.size(), from + limit))), offset, limit,
                all.size());
    }
}
