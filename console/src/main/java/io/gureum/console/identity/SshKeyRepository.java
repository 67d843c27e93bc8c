package io.gureum.console.identity;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface SshKeyRepository extends JpaRepository<SshKey, Long> {

    List<SshKey> findByUserIdOrderByCreatedAtAscIdAsc(long userId);

    List<SshKey> findAllByOrderByUserIdAscCreatedAtAsc();

    boolean existsByUserIdAndFingerprint(long userId, String fingerprint);
}
