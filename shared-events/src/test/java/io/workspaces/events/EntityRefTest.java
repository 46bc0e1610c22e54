package io.workspaces.events;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

/** Type: lowercase identifier of 1-63 characters; id: the principal rules (visible ASCII, 255, no / \ ? # %). */
class EntityRefTest {

    private static final String TYPE_RULE =
            "must be 1-63 characters: a lowercase letter, then lowercase letters, digits, '_' or '-'";

    @Test
    void aTypeAndAnIdMakeARef() {
        EntityRef ref = new EntityRef("dataset", "ds-1");
        assertThat(ref.type()).isEqualTo("dataset");
        assertThat(ref.id()).isEqualTo("ds-1");
        assertThat(ref).hasToString("dataset/ds-1");
        assertThat(ref).isEqualTo(new EntityRef("dataset", "ds-1"))
                .isNotEqualTo(new EntityRef("model", "ds-1"))
                .isNotEqualTo(new EntityRef("dataset", "DS-1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dataset", "model", "m", "feature_store", "ml-pipeline", "v2", "a0_-"})
    void lowercaseTypesAreAllowed(String type) {
        assertThat(EntityRef.typeProblem(type)).isNull();
        assertThat(new EntityRef(type, "x").type()).isEqualTo(type);
    }

    @Test
    void typesOfSixtyThreeCharactersAreAllowedAndSixtyFourAreRefused() {
        assertThat(new EntityRef("t".repeat(63), "x").type()).hasSize(63);
        assertRefused("t".repeat(64), "x", "type", TYPE_RULE);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"Dataset", "DATASET", "1dataset", "_dataset", "-dataset", "data set", "data.set",
            "data/set", "datas\u00e9t", "dataset\n"})
    void otherTypesAreRefused(String type) {
        assertRefused(type, "x", "type", TYPE_RULE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ds-1", "DS_1", "s3:bucket:key", "a.b.c", "*", "550e8400-e29b-41d4-a716-446655440000"})
    void visibleAsciiIdsAreAllowed(String id) {
        assertThat(EntityRef.idProblem(id)).isNull();
        assertThat(new EntityRef("dataset", id).id()).isEqualTo(id);
    }

    @Test
    void idsOf255CharactersAreAllowedAnd256AreRefused() {
        assertThat(new EntityRef("dataset", "i".repeat(255)).id()).hasSize(255);
        assertRefused("dataset", "i".repeat(256), "id", "must be at most 255 characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/b", "a\\b", "a?b", "a#b", "a%b"})
    void idsThatWouldBreakAPathAreRefused(String id) {
        assertRefused("dataset", id, "id", "must not contain / \\ ? # or %");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a b", "a\u0000b", "a\tb", "\u00e9"})
    void idsWithSpacesControlOrNonAsciiCharactersAreRefused(String id) {
        assertRefused("dataset", id, "id",
                "must contain visible ASCII characters only (no spaces, control or non-ASCII characters)");
    }

    @ParameterizedTest
    @NullAndEmptySource
    void emptyIdsAreRefused(String id) {
        assertRefused("dataset", id, "id", "must not be empty");
    }

    @Test
    void theTypeIsCheckedBeforeTheId() {
        assertRefused("Bad Type", "bad/id", "type", TYPE_RULE);
    }

    private static void assertRefused(String type, String id, String field, String problem) {
        assertThatThrownBy(() -> new EntityRef(type, id))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage(field + " " + problem)
                .asInstanceOf(type(InvalidValueException.class))
                .satisfies(e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.problem()).isEqualTo(problem);
                });
    }
}
