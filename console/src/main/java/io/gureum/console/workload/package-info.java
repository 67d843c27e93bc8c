/**
 * What VMs and containers share: a workload has an identity, a project and owner, a host, an observed state with
 * its reason, a desired state and a restart policy; the mechanics over it (state sync, drift, keeper,
 * interrupted-task recovery, adoption, usage, grid and detail skeleton) are written here once, and each kind
 * (vm/, container/) plugs in through a small adapter. This package never depends on vm/ or container/.
 */
package io.gureum.console.workload;
