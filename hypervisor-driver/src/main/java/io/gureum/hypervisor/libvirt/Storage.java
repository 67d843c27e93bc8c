package io.gureum.hypervisor.libvirt;

import io.gureum.hypervisor.DiskFormat;
import io.gureum.hypervisor.HypervisorException;
import io.gureum.hypervisor.PoolInfo;
import io.gureum.hypervisor.VolumeInfo;
import io.gureum.hypervisor.VolumeRef;
import org.libvirt.Connect;
import org.libvirt.Error;
import org.libvirt.LibvirtException;
import org.libvirt.StoragePool;
import org.libvirt.StoragePoolInfo;
import org.libvirt.StorageVol;
import org.libvirt.StorageVolInfo;
import org.libvirt.Stream;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Storage pool and volume operations; every method runs on a worker thread with a live connection. */
final class Storage {

    private Storage() {
    }

    static PoolInfo ensureDirectoryPool(Connect c, String name, Path path) throws LibvirtException {
        if (!path.isAbsolute() || !path.normalize().equals(path)) {
            throw new HypervisorException.InvalidSpec("pool path must be absolute and normalised: " + path);
        }
        StoragePool pool;
        try {
            pool = c.storagePoolLookupByName(name);
            String xml = pool.getXMLDesc(0);
            if (!"dir".equals(StorageXml.poolType(xml)) || !StorageXml.poolPath(xml).map(path.toString()::equals).orElse(false)) {
                pool.free();
                throw new HypervisorException.Conflict("pool '" + name + "' exists but is not a directory pool at " + path);
            }
        } catch (LibvirtException e) {
            if (e.getError().getCode() != Error.ErrorNumber.VIR_ERR_NO_STORAGE_POOL) {
                throw e;
            }
            pool = c.storagePoolDefineXML(StorageXml.directoryPool(name, path), 0);
            try {
                pool.build(0);
            } catch (LibvirtException notBuilt) {
                // Nothing half-made: a pool whose directory cannot be made is not left defined.
                try {
                    pool.undefine();
                } catch (LibvirtException ignored) {
                    // the definition stays; the next ensure finds it and tries to build it again
                }
                pool.free();
                throw notBuilt;
            }
        }
        try {
            if (pool.isActive() == 0) {
                // Its directory may have been removed by hand; building an existing directory keeps its files.
                pool.build(0);
                pool.create(0);
            }
            if (!pool.getAutostart()) {
                pool.setAutostart(1);
            }
            return poolInfo(pool);
        } finally {
            pool.free();
        }
    }

    static PoolInfo poolInfo(Connect c, String name) throws LibvirtException {
        StoragePool pool = c.storagePoolLookupByName(name);
        try {
            return poolInfo(pool);
        } finally {
            pool.free();
        }
    }

    static PoolInfo poolInfo(StoragePool pool) throws LibvirtException {
        StoragePoolInfo info = pool.getInfo();
        return new PoolInfo(pool.getName(), StorageXml.poolType(pool.getXMLDesc(0)), pool.isActive() == 1,
                info.capacity, info.allocation, info.available);
    }

    static List<PoolInfo> allPools(Connect c) throws LibvirtException {
        List<String> names = new ArrayList<>(Arrays.asList(c.listStoragePools()));
        names.addAll(Arrays.asList(c.listDefinedStoragePools()));
        List<PoolInfo> pools = new ArrayList<>();
        for (String name : names.stream().sorted().toList()) {
            try {
                pools.add(poolInfo(c, name));
            } catch (LibvirtException e) {
                // a pool that vanished between listing and reading is simply not there
            }
        }
        return pools;
    }

    static VolumeInfo createVolume(Connect c, VolumeRef ref, long capacityBytes, DiskFormat format) throws LibvirtException {
        if (capacityBytes < 1) {
            throw new HypervisorException.InvalidSpec("volume capacity must be positive");
        }
        StoragePool pool = c.storagePoolLookupByName(ref.pool());
        try {
            requireAbsent(pool, ref);
            StorageVol vol = pool.storageVolCreateXML(StorageXml.emptyVolume(ref.volume(), capacityBytes, format), 0);
            return infoAndFree(ref, vol);
        } finally {
            pool.free();
        }
    }

    static VolumeInfo createOverlay(Connect c, VolumeRef ref, VolumeRef base, DiskFormat baseFormat) throws LibvirtException {
        return createOverlay(c, ref, base, baseFormat, 0);
    }

    /** An overlay of {@code capacityBytes} (0: the base's size); smaller than the base is refused. */
    static VolumeInfo createOverlay(Connect c, VolumeRef ref, VolumeRef base, DiskFormat baseFormat, long capacityBytes)
            throws LibvirtException {
        StoragePool basePool = c.storagePoolLookupByName(base.pool());
        StorageVol baseVol;
        try {
            baseVol = basePool.storageVolLookupByName(base.volume());
        } finally {
            basePool.free();
        }
        VolumeInfo baseInfo;
        String basePath;
        try {
            baseInfo = info(base, baseVol);
            basePath = baseVol.getPath();
        } finally {
            baseVol.free();
        }
        if (baseInfo.format() != baseFormat) {
            throw new HypervisorException.InvalidSpec("base volume " + base + " is " + baseInfo.format().id()
                    + ", not the stated " + baseFormat.id());
        }
        if (baseInfo.backingPath().isPresent()) {
            throw new HypervisorException.InvalidSpec("base volume " + base + " itself has a backing store; refused");
        }
        if (capacityBytes != 0 && capacityBytes < baseInfo.capacityBytes()) {
            throw new HypervisorException.InvalidSpec("overlay " + ref + " of " + capacityBytes + " bytes would be smaller "
                    + "than its base " + base + " (" + baseInfo.capacityBytes() + " bytes)");
        }
        StoragePool pool = c.storagePoolLookupByName(ref.pool());
        try {
            requireAbsent(pool, ref);
            String xml = StorageXml.overlay(ref.volume(), capacityBytes == 0 ? baseInfo.capacityBytes() : capacityBytes,
                    basePath, baseFormat);
            return infoAndFree(ref, pool.storageVolCreateXML(xml, 0));
        } finally {
            pool.free();
        }
    }

    /**
     * Uploads an already inspected image into a new volume. The volume is created as a plain file
     * of the image's exact size and filled byte for byte; afterwards libvirt's own view of the
     * format must match the stated one, or the volume is removed again.
     */
    static VolumeInfo importImage(Connect c, VolumeRef target, Path source, long fileSize, DiskFormat format)
            throws LibvirtException {
        StoragePool pool = c.storagePoolLookupByName(target.pool());
        try {
            requireAbsent(pool, target);
            StorageVol vol = pool.storageVolCreateXML(StorageXml.emptyVolume(target.volume(), Math.max(fileSize, 1), DiskFormat.RAW), 0);
            try {
                upload(c, vol, source, fileSize);
                refreshUnlessBusy(pool);
            } catch (LibvirtException | RuntimeException e) {
                deleteQuietly(vol);
                throw e;
            } finally {
                vol.free();
            }
            StorageVol imported = pool.storageVolLookupByName(target.volume());
            VolumeInfo info;
            try {
                info = info(target, imported);
                if (info.format() != format || info.backingPath().isPresent()) {
                    deleteQuietly(imported);
                    throw new HypervisorException.InvalidSpec("imported volume " + target + " reads as " + info.format().id()
                            + (info.backingPath().isPresent() ? " with a backing store" : "") + "; removed");
                }
            } finally {
                imported.free();
            }
            return info;
        } finally {
            pool.free();
        }
    }

    /**
     * A new raw volume holding exactly {@code content} (a cloud-init seed), sent through libvirt's upload stream so
     * that a remote host gets it as well as the local one; removed again when the upload fails.
     */
    static VolumeInfo uploadRaw(Connect c, VolumeRef target, byte[] content) throws LibvirtException {
        if (content.length == 0) {
            throw new HypervisorException.InvalidSpec("an uploaded volume must not be empty");
        }
        StoragePool pool = c.storagePoolLookupByName(target.pool());
        try {
            requireAbsent(pool, target);
            StorageVol vol = pool.storageVolCreateXML(StorageXml.emptyVolume(target.volume(), content.length, DiskFormat.RAW), 0);
            try {
                upload(c, vol, new java.io.ByteArrayInputStream(content), target.volume(), content.length);
                return info(target, vol);
            } catch (LibvirtException | RuntimeException e) {
                deleteQuietly(vol);
                throw e;
            } finally {
                vol.free();
            }
        } finally {
            pool.free();
        }
    }

    private static void upload(Connect c, StorageVol vol, Path source, long size) throws LibvirtException {
        try (InputStream in = Files.newInputStream(source)) {
            upload(c, vol, in, source.toString(), size);
        } catch (IOException e) {
            throw new HypervisorException("cannot read " + source + ": " + e.getMessage(), null, -1, e);
        }
    }

    private static void upload(Connect c, StorageVol vol, InputStream in, String source, long size) throws LibvirtException {
        Stream stream = c.streamNew(0);
        try {
            vol.upload(stream, 0, size, 0);
            byte[] buffer = new byte[1 << 20];
            long sent = 0;
            int n;
            while ((n = in.read(buffer)) > 0) {
                int offset = 0;
                while (offset < n) {
                    byte[] chunk = offset == 0 && n == buffer.length ? buffer : Arrays.copyOfRange(buffer, offset, n);
                    int written = stream.send(chunk);
                    if (written <= 0) {
                        throw new HypervisorException("upload to " + vol.getName() + " stalled");
                    }
                    offset += written;
                }
                sent += n;
            }
            if (sent != size) {
                throw new HypervisorException("image changed during upload: sent " + sent + " of " + size + " bytes");
            }
            stream.finish();
        } catch (IOException e) {
            abortQuietly(stream);
            throw new HypervisorException("cannot read " + source + ": " + e.getMessage(), null, -1, e);
        } catch (LibvirtException | RuntimeException e) {
            abortQuietly(stream);
            throw e;
        } finally {
            try {
                stream.free();
            } catch (LibvirtException ignored) {
                // already released
            }
        }
    }

    static VolumeInfo volumeInfo(Connect c, VolumeRef ref) throws LibvirtException {
        return infoAndFree(ref, lookup(c, ref));
    }

    /**
     * Rescans the pool's directory for files made outside libvirt. libvirt refuses a refresh while another client
     * builds a volume in the pool ("pool has asynchronous jobs running"): a busy pool is asked again a few times,
     * then left as libvirt knows it (every volume made through libvirt is known without a rescan), instead of
     * failing a listing because someone else is creating a VM.
     */
    static void refreshUnlessBusy(StoragePool pool) throws LibvirtException {
        for (int attempt = 1; ; attempt++) {
            try {
                pool.refresh(0);
                return;
            } catch (LibvirtException e) {
                if (!String.valueOf(e.getMessage()).contains("asynchronous jobs running")) {
                    throw e;
                }
                if (attempt == 10) {
                    return;
                }
            }
            try {
                Thread.sleep(100L * attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    static List<VolumeInfo> listVolumes(Connect c, String poolName) throws LibvirtException {
        StoragePool pool = c.storagePoolLookupByName(poolName);
        try {
            refreshUnlessBusy(pool);
            List<VolumeInfo> result = new ArrayList<>();
            for (String name : pool.listVolumes()) {
                try {
                    VolumeRef ref = new VolumeRef(poolName, name);
                    result.add(infoAndFree(ref, pool.storageVolLookupByName(name)));
                } catch (HypervisorException.InvalidSpec | LibvirtException e) {
                    // files with names or formats the driver does not manage are not listed
                }
            }
            return result;
        } finally {
            pool.free();
        }
    }

    /** Deletes a volume unless another volume of its pool is backed by it (a base image in use). */
    static void deleteVolume(Connect c, VolumeRef ref) throws LibvirtException {
        StoragePool pool = c.storagePoolLookupByName(ref.pool());
        try {
            StorageVol vol = pool.storageVolLookupByName(ref.volume());
            try {
                String path = vol.getPath();
                for (String other : pool.listVolumes()) {
                    if (other.equals(ref.volume())) {
                        continue;
                    }
                    if (backingPathOf(pool, other).filter(path::equals).isPresent()) {
                        throw new HypervisorException.Conflict("volume " + ref + " is the base of " + ref.pool() + "/" + other + "; not deleted");
                    }
                }
                vol.delete(0);
            } finally {
                vol.free();
            }
        } finally {
            pool.free();
        }
    }

    private static java.util.Optional<String> backingPathOf(StoragePool pool, String volume) {
        try {
            StorageVol v = pool.storageVolLookupByName(volume);
            try {
                return SafeXml.path(SafeXml.parse(v.getXMLDesc(0)).getDocumentElement(), "backingStore", "path")
                        .map(e -> e.getTextContent().strip());
            } finally {
                v.free();
            }
        } catch (LibvirtException e) {
            return java.util.Optional.empty(); // vanished meanwhile
        }
    }

    static StorageVol lookup(Connect c, VolumeRef ref) throws LibvirtException {
        StoragePool pool = c.storagePoolLookupByName(ref.pool());
        try {
            return pool.storageVolLookupByName(ref.volume());
        } finally {
            pool.free();
        }
    }

    private static void requireAbsent(StoragePool pool, VolumeRef ref) throws LibvirtException {
        try {
            StorageVol existing = pool.storageVolLookupByName(ref.volume());
            existing.free();
        } catch (LibvirtException e) {
            if (e.getError().getCode() == Error.ErrorNumber.VIR_ERR_NO_STORAGE_VOL) {
                return;
            }
            throw e;
        }
        throw new HypervisorException.Conflict("volume " + ref + " already exists");
    }

    private static VolumeInfo infoAndFree(VolumeRef ref, StorageVol vol) throws LibvirtException {
        try {
            return info(ref, vol);
        } finally {
            vol.free();
        }
    }

    private static VolumeInfo info(VolumeRef ref, StorageVol vol) throws LibvirtException {
        StorageVolInfo info = vol.getInfo();
        return StorageXml.volumeInfo(ref, vol.getXMLDesc(0), info.capacity, info.allocation);
    }

    private static void deleteQuietly(StorageVol vol) {
        try {
            vol.delete(0);
        } catch (LibvirtException ignored) {
            // best effort cleanup after a failed import
        }
    }

    private static void abortQuietly(Stream stream) {
        try {
            stream.abort();
        } catch (LibvirtException ignored) {
            // the stream may already be finished or broken
        }
    }
}
