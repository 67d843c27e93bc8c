/** Prometheus metrics: what the cloud holds (workloads, hosts, tasks, quota use) and how long its tasks take. */
package io.gureum.console.metrics;
