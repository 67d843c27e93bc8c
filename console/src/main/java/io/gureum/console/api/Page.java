package io.gureum.console.api;

import java.util.List;

/** One page of a list: the items from {@code offset}, at most {@code limit}, of {@code total}; bounds in {@link Paging}. */
record Page<T>(List<T> items, int offset, int limit, int total) {
}
