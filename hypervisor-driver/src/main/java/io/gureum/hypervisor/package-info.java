/** Hypervisor driver: SPI and libvirt implementation. */
package io.gureum.hypervisor;
