/**
 * libvirt implementation of the hypervisor SPI ({@link io.gureum.hypervisor.libvirt.LibvirtHypervisor}).
 * Nothing from {@code org.libvirt} leaves this package.
 */
package io.gureum.hypervisor.libvirt;
