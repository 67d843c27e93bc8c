/**
 * cloud-init NoCloud seeds for VMs made from cloud images: the three files (meta-data, user-data, network-config)
 * written as YAML from data structures, and the "cidata" ISO that carries them.
 */
package io.gureum.console.vm.cloudinit;
