package io.gureum.console.quota;

/**
 * A difference between what the console counts against a project's quota and what its hosts
 * really hold, found by a recount.
 *
 * @param kind     what differs, e.g. {@code vms}
 * @param recorded what the console's records count
 * @param found    what the hosts hold
 * @param detail   which resources, by name, so an operator can act
 */
public record QuotaDrift(long projectId, String kind, long recorded, long found, String detail) {
}
