package io.workspaces.common.web;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PreconditionsTest {

    @Test
    void ifMatchComparesStronglyAndAcceptsLists() {
        assertThat(Preconditions.ifMatch("\"3\"").matchesStrongly(3)).isTrue();
        assertThat(Preconditions.ifMatch("\"3\"").matchesStrongly(2)).isFalse();
        assertThat(Preconditions.ifMatch("W/\"2\"").matchesStrongly(2)).isFalse();
        assertThat(Preconditions.ifMatch("\"9\", \"3\"").matchesStrongly(3)).isTrue();
        assertThat(Preconditions.ifMatch("\"9\",\"3\"").strongVersions()).containsExactly(9L, 3L);
        assertThat(Preconditions.ifMatch("W/\"3\", \"4\", \"x\", \"4\"").strongVersions()).containsExactly(4L);
        assertThat(Preconditions.ifMatch(" , \"5\" ,, ").strongVersions()).containsExactly(5L);
        assertThat(Preconditions.ifMatch("*").any()).isTrue();
        assertThat(Preconditions.ifMatch("*").matchesStrongly(42)).isTrue();
        assertThat(Preconditions.ifMatch(null)).isNull();
        assertThat(Preconditions.ifMatch(" ")).isNull();
    }

    @Test
    void wellFormedTagsThatNameNoVersionNeverMatch() {
        for (String header : List.of("\"abc\"", "\"-1\"", "\"99999999999999999999\"", "\"03\"", "\"\"", "W/\"x\"")) {
            Preconditions.Condition condition = Preconditions.ifMatch(header);
            assertThat(condition.strongVersions()).as(header).isEmpty();
            assertThat(condition.matchesStrongly(3)).as(header).isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"3", "\"3", "3\"", "\"3\" \"4\"", "\"3\"x", "w/\"3\"", "W/3", "**", "*, \"3\"",
            "\"a b\"", "\"3\";", ","})
    void malformedIfMatchIsA422(String header) {
        assertThatThrownBy(() -> Preconditions.ifMatch(header)).isInstanceOf(InvalidRequestException.class);
        assertThat(Preconditions.ifNoneMatch(header)).isNull();
    }

    @Test
    void ifNoneMatchComparesWeakly() {
        assertThat(Preconditions.ifNoneMatch("W/\"2\"").matchesWeakly(2)).isTrue();
        assertThat(Preconditions.ifNoneMatch("\"2\"").matchesWeakly(2)).isTrue();
        assertThat(Preconditions.ifNoneMatch("\"1\", W/\"2\"").matchesWeakly(2)).isTrue();
        assertThat(Preconditions.ifNoneMatch("\"1\", \"3\"").matchesWeakly(2)).isFalse();
        assertThat(Preconditions.ifNoneMatch("*").matchesWeakly(7)).isTrue();
        assertThat(Preconditions.ifNoneMatch(null)).isNull();
    }

    @Test
    void etagsAreTheVersionInQuotes() {
        assertThat(Preconditions.etag(3)).isEqualTo("\"3\"");
        assertThat(Preconditions.ifMatch(Preconditions.etag(12)).matchesStrongly(12)).isTrue();
    }
}
