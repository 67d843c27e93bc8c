/**
 * Hypervisor driver SPI: {@link io.gureum.hypervisor.Hypervisor}, its immutable records and
 * {@link io.gureum.hypervisor.HypervisorException}. Free of libvirt types; the libvirt
 * implementation lives in {@code io.gureum.hypervisor.libvirt}.
 */
package io.gureum.hypervisor;
