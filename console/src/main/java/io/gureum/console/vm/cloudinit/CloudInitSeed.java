package io.gureum.console.vm.cloudinit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * Writes a VM's NoCloud seed files from a {@link SeedRequest}. Every file is a data structure serialised by Jackson
 * YAML, never text pasted together, so no hostname, key comment or user YAML can add a line of its own.
 */
public final class CloudInitSeed {

    /** The most user data accepted, in UTF-8 bytes. */
    public static final int MAX_USER_DATA_BYTES = 64 * 1024;
    /** The first line cloud-init needs to read user data as cloud-config. */
    static final String CLOUD_CONFIG_HEADER = "#cloud-config\n";
    private static final Pattern HOST_LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern LINUX_USER = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");
    /** Settings the dialog owns: user data that sets them would silently fight the hostname field. */
    private static final Set<String> OWNED = Set.of("hostname", "fqdn", "preserve_hostname", "prefer_fqdn_over_hostname");

    private final YAMLMapper yaml = YAMLMapper.builder()
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** The three files; refuses a bad hostname, user name or user data with the field it concerns. */
    public SeedFiles files(SeedRequest request) {
        String hostname = hostname(request.hostname());
        String user = defaultUser(request.defaultUser());
        Map<String, Object> userConfig = userCloudConfig(request.userCloudConfig());

        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("instance-id", "iid-" + request.vmId());
        meta.put("local-hostname", hostname);

        Map<String, Object> account = new LinkedHashMap<>();
        account.put("name", user);
        account.put("shell", "/bin/bash");
        account.put("sudo", "ALL=(ALL) NOPASSWD:ALL");
        account.put("lock_passwd", true);
        account.put("ssh_authorized_keys", request.authorizedKeys());
        List<Object> users = new ArrayList<>();
        users.add(account);
        Object extraUsers = userConfig.remove("users");
        if (extraUsers instanceof List<?> more) {
            users.addAll(more);
        } else if (extraUsers != null) {
            throw new SeedValidationException("userData", "'users' in the user data must be a list.");
        }
        Map<String, Object> config = new LinkedHashMap<>(userConfig);
        config.put("hostname", hostname);
        config.put("preserve_hostname", false);
        config.put("users", users);
        config.putIfAbsent("ssh_pwauth", false);

        Map<String, Object> nic = new LinkedHashMap<>();
        nic.put("match", Map.of("name", "en*"));
        nic.put("dhcp4", true);
        Map<String, Object> network = new LinkedHashMap<>();
        network.put("version", 2);
        network.put("ethernets", Map.of("nic0", nic));

        return new SeedFiles(write(meta), CLOUD_CONFIG_HEADER + write(config), write(network));
    }

    /** The hostname as cloud-init will set it; refused unless it is one RFC 1123 label (no dots, no spaces). */
    public static String hostname(String hostname) {
        String name = hostname == null ? "" : hostname.strip();
        if (!HOST_LABEL.matcher(name).matches()) {
            throw new SeedValidationException("hostname", "A hostname is 1 to 63 letters, digits or '-', not "
                    + "starting or ending with '-' (no dots or spaces).");
        }
        return name;
    }

    private static String defaultUser(String user) {
        if (user == null || !LINUX_USER.matcher(user).matches()) {
            throw new SeedValidationException("defaultUser", "A default user is 1 to 32 lower-case letters, digits, "
                    + "'_' or '-', starting with a letter or '_'.");
        }
        return user;
    }

    /** The user's cloud-config as a mapping (empty for none); refuses what is too large, not YAML or no mapping. */
    Map<String, Object> userCloudConfig(String text) {
        if (text == null || text.isBlank()) {
            return new LinkedHashMap<>();
        }
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_USER_DATA_BYTES) {
            throw new SeedValidationException("userData", "User data has at most " + MAX_USER_DATA_BYTES / 1024
                    + " KiB; this has " + (bytes + 1023) / 1024 + " KiB.");
        }
        if (!text.startsWith("#cloud-config")) {
            throw new SeedValidationException("userData", "User data is cloud-config: its first line is "
                    + "'#cloud-config'.");
        }
        JsonNode tree;
        try {
            tree = yaml.readTree(text);
        } catch (JacksonException notYaml) {
            throw new SeedValidationException("userData", "User data is not valid YAML: "
                    + notYaml.getOriginalMessage());
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            return new LinkedHashMap<>();
        }
        if (!tree.isObject()) {
            throw new SeedValidationException("userData", "User data must be cloud-config: a YAML mapping such as "
                    + "'packages: [nginx]', not a script or a list.");
        }
        for (String owned : OWNED) {
            if (tree.has(owned)) {
                throw new SeedValidationException("userData", "'" + owned + "' is set by the Hostname field; "
                        + "remove it from the user data.");
            }
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> mapping = yaml.convertValue(tree, LinkedHashMap.class);
        return mapping;
    }

    private String write(Object value) {
        return yaml.writeValueAsString(value);
    }
}
