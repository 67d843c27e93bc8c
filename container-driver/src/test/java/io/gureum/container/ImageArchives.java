package io.gureum.container;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** Tiny image archives made in the test itself: no registry, no CLI. */
final class ImageArchives {
    private ImageArchives() {
    }

    /** A one-layer {@code docker save} style archive holding one file, tagged {@code ref}. */
    static Path dockerArchive(Path dir, String ref, String file, String content) throws Exception {
        byte[] layer = tar(Map.of(file, content.getBytes(StandardCharsets.UTF_8)));
        String diffId = sha256(layer);
        String config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Cmd\":[\"/" + file + "\"]},"
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:" + diffId + "\"]},"
                + "\"history\":[{\"created_by\":\"gureum contract test\"}]}";
        byte[] configBytes = config.getBytes(StandardCharsets.UTF_8);
        String configName = sha256(configBytes) + ".json";
        String manifest = "[{\"Config\":\"" + configName + "\",\"RepoTags\":[\"" + ref + "\"],\"Layers\":[\"" + diffId + "/layer.tar\"]}]";
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(diffId + "/layer.tar", layer);
        entries.put(configName, configBytes);
        entries.put("manifest.json", manifest.getBytes(StandardCharsets.UTF_8));
        Path archive = dir.resolve("image.tar");
        Files.write(archive, tar(entries));
        return archive;
    }

    static byte[] tar(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = bytes; TarArchiveOutputStream t = new TarArchiveOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
                entry.setSize(e.getValue().length);
                t.putArchiveEntry(entry);
                t.write(e.getValue());
                t.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }
}
