package io.workspaces.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

/** Visible ASCII, at most 255 characters, none of / \ ? # %; {@code *} is everyone. */
class PrincipalTest {

    private static final String ASCII_RULE =
            "must contain visible ASCII characters only (no spaces, control or non-ASCII characters)";
    private static final String PATH_RULE = "must not contain / \\ ? # or %";

    @ParameterizedTest
    @ValueSource(strings = {"alice", "Alice", "alice@example.com", "svc:ingest", "system:workspaces", "*",
            "auth0|5f7c8ec7c33c6c004bbafe82", "user.name+tag", "a", "~", "!$&'()*+,-.:;<=>@[]^_`{|}~", "42"})
    void visibleAsciiPrincipalsAreAllowed(String candidate) {
        assertThat(Principal.problemWith(candidate)).isNull();
        assertThat(Principal.of(candidate).value()).isEqualTo(candidate);
        assertThat(new Principal(candidate)).hasToString(candidate);
    }

    @Test
    void everyVisibleAsciiCharacterButThePathBreakingOnesIsAllowed() {
        String allowed = IntStream.rangeClosed(0x21, 0x7e)
                .filter(c -> "/\\?#%".indexOf(c) < 0)
                .mapToObj(c -> String.valueOf((char) c))
                .collect(Collectors.joining());
        assertThat(allowed).hasSize(94 - 5);
        assertThat(Principal.of(allowed).value()).isEqualTo(allowed);
    }

    @Test
    void twoHundredFiftyFiveCharactersAreAllowed() {
        String principal = "p".repeat(255);
        assertThat(Principal.of(principal).value()).hasSize(255);
    }

    @Test
    void twoHundredFiftySixCharactersAreRefused() {
        assertRefused("p".repeat(256), "must be at most 255 characters");
    }

    @ParameterizedTest
    @NullAndEmptySource
    void nullAndEmptyAreRefused(String candidate) {
        assertRefused(candidate, "must not be empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/b", "/", "a\\b", "who?", "a#b", "100%", "%2F", "../etc"})
    void charactersThatBreakAPathSegmentAreRefused(String candidate) {
        assertRefused(candidate, PATH_RULE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice smith", " alice", "alice ", "a\tb", "alice\n", "a\rb", "\u0000", "a\u0000",
            "a\u001bb", "a\u007fb", "a\u0085b", "j\u00f6rg", "\u0430lice", "a\u00a0b", "a\u200bb",
            "\ud83d\ude00"})
    void spacesControlAndNonAsciiCharactersAreRefused(String candidate) {
        assertRefused(candidate, ASCII_RULE);
    }

    @Test
    void theStarIsEveryone() {
        assertThat(Principal.EVERYONE.value()).isEqualTo("*");
        assertThat(Principal.of("*")).isEqualTo(Principal.EVERYONE);
        assertThat(Principal.of("*").isEveryone()).isTrue();
        assertThat(Principal.of("**").isEveryone()).isFalse();
        assertThat(Principal.of("alice").isEveryone()).isFalse();
        assertThat(Principal.SYSTEM.isEveryone()).isFalse();
        assertThat(Principal.SYSTEM.value()).isEqualTo("system:workspaces");
    }

    @Test
    void principalsAreCaseSensitive() {
        assertThat(Principal.of("Alice")).isNotEqualTo(Principal.of("alice"));
    }

    @Test
    void jsonIsThePlainString() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        assertThat(mapper.writeValueAsString(Principal.EVERYONE)).isEqualTo("\"*\"");
        assertThat(mapper.readValue("\"alice@example.com\"", Principal.class))
                .isEqualTo(Principal.of("alice@example.com"));
        assertThatThrownBy(() -> mapper.readValue("\"a/b\"", Principal.class))
                .hasRootCauseInstanceOf(InvalidValueException.class);
    }

    private static void assertRefused(String candidate, String problem) {
        assertThat(Principal.problemWith(candidate)).isEqualTo(problem);
        assertThatThrownBy(() -> new Principal(candidate))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("principal " + problem)
                .asInstanceOf(type(InvalidValueException.class))
                .satisfies(e -> assertThat(e.field()).isEqualTo("principal"));
    }
}
