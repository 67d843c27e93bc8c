package io.gureum.console.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One page of a list: the items from {@code offset}, at most {@code limit}, of {@code total}. */
record Page<T>(List<T> items, int offset, int limit, int total) {

    /** The largest page any list serves. */
    static final int MAX_LIMIT = 500;

    /** Refuses a page size outside 1..{@link #MAX_LIMIT} or a negative offset, naming each bad field. */
    static void requireValid(int limit, int offset) {
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
}
