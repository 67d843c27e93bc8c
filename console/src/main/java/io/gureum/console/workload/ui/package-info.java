/**
 * The parts of the workload pages every kind shares: the grid's common columns, filters and adoption of what the
 * hosts run unknown to the console, the detail page's header, actions and live refresh. The VM and container
 * views add their own columns and sections; this package never depends on vm/ or container/.
 */
@NamedInterface("ui")
package io.gureum.console.workload.ui;

import org.springframework.modulith.NamedInterface;
