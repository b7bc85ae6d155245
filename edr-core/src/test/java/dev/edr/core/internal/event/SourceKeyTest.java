package dev.edr.core.internal.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SourceKeyTest {
    /** A key's own sets, passed back, give the key itself (the normalizer's fast path), and so do equal sets. */
    @Test
    void ownSetsGiveTheKeyBack() {
        SourceKey key = SourceKey.of("windows", Set.of("process_creation"), Set.of("sysmon"));
        assertThat(SourceKey.of(key.product(), key.categories(), key.services())).isSameAs(key);
        assertThat(SourceKey.of("windows", Set.of("process_creation"), Set.of("sysmon"))).isSameAs(key);
        assertThat(SourceKey.of("Windows", Set.of("Process_Creation"), Set.of("Sysmon"))).isSameAs(key);
        // the same sets with another product are another key
        SourceKey other = SourceKey.of("linux", key.categories(), key.services());
        assertThat(other).isNotSameAs(key);
        assertThat(other.product()).isEqualTo("linux");
    }

    /** A caller's set is copied, never trusted by identity: changing it afterwards changes neither key. */
    @Test
    void callerSetsAreCopied() {
        Set<String> categories = new LinkedHashSet<>(Set.of("source_key_test_a"));
        SourceKey a = SourceKey.of("p", categories, Set.of());
        categories.clear();
        categories.add("source_key_test_b");
        SourceKey b = SourceKey.of("p", categories, Set.of());
        assertThat(a.categories()).containsExactly("source_key_test_a");
        assertThat(b.categories()).containsExactly("source_key_test_b");
        assertThat(a.categories()).isNotSameAs(categories);
        assertThat(SourceKey.of("p", b.categories(), b.services())).isSameAs(b);
    }

    @Test
    void nothingKnownIsOneKey() {
        SourceKey none = SourceKey.of(null, Set.of(), Set.of());
        assertThat(none.known()).isFalse();
        assertThat(SourceKey.of(none.product(), none.categories(), none.services())).isSameAs(none);
    }
}
