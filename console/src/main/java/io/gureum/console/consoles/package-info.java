/**
 * Browser consoles (container shell, VM serial terminal, VM screen): single-use tokens issued by
 * {@link io.gureum.console.consoles.ConsoleService}, and the WebSocket proxy that redeems them. The kinds plug in
 * through {@link io.gureum.console.consoles.ConsoleTarget}, so this module knows no VM or container.
 */
package io.gureum.console.consoles;
