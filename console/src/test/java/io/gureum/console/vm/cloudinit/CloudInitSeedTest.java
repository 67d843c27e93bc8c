package io.gureum.console.vm.cloudinit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

class CloudInitSeedTest {

    static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDnlYlxGgvIb59GvGcbaN2/R/hCjK7KH7aOXuoa3jRcF "
            + "alice@laptop";
    private static final UUID VM = UUID.fromString("6f1c2a52-5d43-4a4e-9d0e-2c7d1f4b8a01");
    private final CloudInitSeed seed = new CloudInitSeed();
    private final YAMLMapper yaml = new YAMLMapper();

    static SeedRequest request(String hostname, String userData) {
        return new SeedRequest(VM, hostname, "debian", List.of(KEY), userData);
    }

    @Test
    void meta_data_names_the_instance_by_the_vms_id_and_the_host_by_its_hostname() {
        JsonNode meta = yaml.readTree(seed.files(request("web-1", null)).metaData());

        assertThat(meta.get("instance-id").asString()).isEqualTo("iid-" + VM);
        assertThat(meta.get("local-hostname").asString()).isEqualTo("web-1");
        assertThat(yaml.readTree(seed.files(request("web-2", "#cloud-config\npackages: [nginx]")).metaData())
                .get("instance-id").asString()).as("stable per VM, whatever else changes").isEqualTo("iid-" + VM);
    }

    @Test
    void user_data_is_cloud_config_giving_the_default_user_the_keys_and_setting_the_hostname() {
        String userData = seed.files(request("web-1", null)).userData();

        assertThat(userData).startsWith("#cloud-config\n");
        JsonNode config = yaml.readTree(userData);
        assertThat(config.get("hostname").asString()).isEqualTo("web-1");
        assertThat(config.get("preserve_hostname").asBoolean()).isFalse();
        assertThat(config.get("ssh_pwauth").asBoolean()).isFalse();
        JsonNode user = config.get("users").get(0);
        assertThat(user.get("name").asString()).isEqualTo("debian");
        assertThat(user.get("lock_passwd").asBoolean()).isTrue();
        assertThat(user.get("ssh_authorized_keys").get(0).asString()).isEqualTo(KEY);
        assertThat(config.get("users").size()).isEqualTo(1);
    }

    @Test
    void the_users_cloud_config_is_merged_under_gureums_settings_and_extra_users_follow_the_default_one() {
        String userData = """
                #cloud-config
                packages: [nginx]
                runcmd:
                  - [systemctl, enable, --now, nginx]
                users:
                  - name: ops
                    shell: /bin/sh
                """;

        JsonNode config = yaml.readTree(seed.files(request("web-1", userData)).userData());

        assertThat(config.get("packages").get(0).asString()).isEqualTo("nginx");
        assertThat(config.get("runcmd").get(0).get(2).asString()).isEqualTo("--now");
        assertThat(config.get("users").findValuesAsString("name")).containsExactly("debian", "ops");
        assertThat(config.get("hostname").asString()).isEqualTo("web-1");
    }

    @Test
    void hostile_text_stays_inside_its_yaml_value() {
        String comment = "x\nruncmd: [[rm, -rf, /]]\n# ";
        SeedRequest request = new SeedRequest(VM, "web-1", "debian", List.of("ssh-ed25519 AAAA " + comment),
                "#cloud-config\nwrite_files:\n  - path: /etc/motd\n    content: \"hello\\nusers: []\"\n");

        JsonNode config = yaml.readTree(seed.files(request).userData());

        assertThat(config.has("runcmd")).isFalse();
        assertThat(config.get("users").get(0).get("ssh_authorized_keys").get(0).asString()).endsWith(comment);
        assertThat(config.get("write_files").get(0).get("content").asString()).isEqualTo("hello\nusers: []");
    }

    @Test
    void network_config_is_version_2_with_dhcp_on_the_first_en_interface() {
        JsonNode network = yaml.readTree(seed.files(request("web-1", null)).networkConfig());

        assertThat(network.get("version").asInt()).isEqualTo(2);
        JsonNode nic = network.get("ethernets").get("nic0");
        assertThat(nic.get("match").get("name").asString()).isEqualTo("en*");
        assertThat(nic.get("dhcp4").asBoolean()).isTrue();
    }

    @Test
    void a_hostname_must_be_one_rfc_1123_label() {
        for (String bad : new String[] {"", "web 1", "web.example.com", "-web", "web-", "web_1", "a".repeat(64),
                "wéb", null}) {
            assertRefused(() -> seed.files(request(bad, null)), "hostname", "hostname");
        }
        assertThat(CloudInitSeed.hostname("Web-01")).isEqualTo("Web-01");
        assertThat(CloudInitSeed.hostname("a".repeat(63))).hasSize(63);
    }

    @Test
    void user_data_that_is_not_a_mapping_too_large_or_not_yaml_is_refused_next_to_its_field() {
        String h = "#cloud-config\n";
        assertRefused(() -> seed.files(request("web-1", "#!/bin/sh\nrm -rf /\n")), "userData", "#cloud-config");
        assertRefused(() -> seed.files(request("web-1", "packages: [nginx]\n")), "userData", "#cloud-config");
        assertRefused(() -> seed.files(request("web-1", h + "- a\n- b\n")), "userData", "mapping");
        assertRefused(() -> seed.files(request("web-1", h + "packages: [nginx\n")), "userData", "not valid YAML");
        assertRefused(() -> seed.files(request("web-1", h + "a: 1\na: 2\n")), "userData", "not valid YAML");
        assertRefused(() -> seed.files(request("web-1", h + "users: ops\n")), "userData", "must be a list");
        assertRefused(() -> seed.files(request("web-1", h + "hostname: other\n")), "userData", "Hostname field");
        String large = h + "write_files:\n  - content: \"" + "x".repeat(2 * 1024 * 1024) + "\"\n";
        assertRefused(() -> seed.files(request("web-1", large)), "userData", "at most 64 KiB");
    }

    @Test
    void blank_user_data_or_only_the_header_adds_nothing() {
        Map<String, Object> none = seed.userCloudConfig("#cloud-config\n");

        assertThat(none).isEmpty();
        assertThat(seed.userCloudConfig("  ")).isEmpty();
    }

    @Test
    void the_default_user_must_be_a_linux_user_name() {
        assertRefused(() -> seed.files(new SeedRequest(VM, "web-1", "root; rm", List.of(), null)), "defaultUser",
                "default user");
    }

    private static void assertRefused(Runnable action, String field, String why) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(SeedValidationException.class, refused -> {
            assertThat(refused.field()).isEqualTo(field);
            assertThat(refused.getMessage()).contains(why);
        });
    }
}
