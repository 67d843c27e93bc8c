package io.gureum.console.vm;

import io.gureum.console.image.ImageUsage;
import java.util.List;
import org.springframework.stereotype.Component;

/** Tells the image feature which VMs (not deleted) were made from an image. */
@Component
class VmImageUsage implements ImageUsage {

    private final VirtualMachineRepository vms;

    VmImageUsage(VirtualMachineRepository vms) {
        this.vms = vms;
    }

    @Override
    public List<String> vmsUsing(String imageId) {
        return vms.findAllByStateNotOrderByCreatedAtDesc(VmStatus.DELETED).stream()
                .filter(vm -> imageId.equals(vm.imageId()))
                .map(VirtualMachine::name)
                .toList();
    }
}
