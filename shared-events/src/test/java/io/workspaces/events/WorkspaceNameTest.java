package io.workspaces.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

/** An RFC 1035 label, 1-63 characters, that does not parse as a UUID. */
class WorkspaceNameTest {

    private static final String LABEL_RULE = "must be an RFC 1035 label: lowercase letter first, then lowercase letters, "
            + "digits or hyphens, no trailing hyphen";

    @ParameterizedTest
    @ValueSource(strings = {"a", "z", "ab", "a1", "research", "team-42", "a-b-c", "a--b", "ml-models-v2", "x0",
            "default", "system",
            // 36 characters with hyphens where a UUID has them, but not hex: a name, not an id
            "deadbeef-dead-beef-dead-beefdeadbeex"})
    void validLabelsAreNames(String candidate) {
        assertThat(WorkspaceName.problemWith(candidate)).isNull();
        assertThat(WorkspaceName.of(candidate).value()).isEqualTo(candidate);
        assertThat(new WorkspaceName(candidate)).hasToString(candidate);
    }

    @Test
    void sixtyThreeCharactersAreAllowed() {
        String name = "a" + "b".repeat(61) + "9";
        assertThat(name).hasSize(63);
        assertThat(WorkspaceName.of(name).value()).isEqualTo(name);
    }

    @Test
    void sixtyFourCharactersAreRefused() {
        String name = "a".repeat(64);
        assertRefused(name, "must be at most 63 characters");
    }

    @ParameterizedTest
    @NullAndEmptySource
    void nullAndEmptyAreRefused(String candidate) {
        assertRefused(candidate, "must not be empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Research", "RESEARCH", "researcH", // uppercase
            "1research", "0", "42-teams",      // leading digit
            "research-", "a-",                 // trailing hyphen
            "-research", "-",                  // leading hyphen
            "my_workspace", "_a",              // underscore
            "my.workspace", "my workspace", " research", "research ", "research\n", "research\t",
            "a/b", "a%20b", "a:b", "a@b"})
    void anythingButAnRfc1035LabelIsRefused(String candidate) {
        assertRefused(candidate, LABEL_RULE);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "deadbeef-dead-beef-dead-beefdeadbeef",
            "123e4567-e89b-12d3-a456-426614174000",
            "00000000-0000-0000-0000-000000000000",
            "DEADBEEF-DEAD-BEEF-DEAD-BEEFDEADBEEF"})
    void uuidShapedNamesAreRefusedSoThatARefIsUnambiguous(String candidate) {
        assertThat(WorkspaceName.looksLikeUuid(candidate)).isTrue();
        assertRefused(candidate, "must not be a UUID (UUIDs are workspace ids)");
    }

    @Test
    void aUuidShapedNameWouldOtherwiseBeAValidLabel() {
        // the UUID rule matters: without it this would pass the RFC 1035 pattern
        assertThat("deadbeef-dead-beef-dead-beefdeadbeef").matches("^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$");
        assertThat(WorkspaceName.looksLikeUuid("deadbeef-dead-beef-dead-beefdeadbee")).isFalse();
        assertThat(WorkspaceName.looksLikeUuid(null)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "r\u0435search",      // Cyrillic small ie, looks like 'e'
            "\u0440esearch",      // Cyrillic small er, looks like 'p'... and 'r' in some fonts
            "\uff52esearch",      // fullwidth r
            "research\u200b",     // zero-width space at the end
            "re\u00adsearch",     // soft hyphen
            "r\u00e9sum\u00e9",   // accented letters
            "\u0131d",            // dotless i
            "\u212aelvin",        // Kelvin sign, case-folds to 'k'
            "caf\u0065\u0301",    // e + combining acute accent
            "team\u2011a",        // non-breaking hyphen
            "\ud83d\ude00"})      // emoji
    void unicodeAndHomoglyphsAreRefused(String candidate) {
        assertRefused(candidate, LABEL_RULE);
    }

    @Test
    void jsonIsThePlainString() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        assertThat(mapper.writeValueAsString(WorkspaceName.of("research"))).isEqualTo("\"research\"");
        assertThat(mapper.readValue("\"research\"", WorkspaceName.class)).isEqualTo(WorkspaceName.of("research"));
        assertThatThrownBy(() -> mapper.readValue("\"Research\"", WorkspaceName.class))
                .hasRootCauseInstanceOf(InvalidValueException.class);
    }

    private static void assertRefused(String candidate, String problem) {
        assertThat(WorkspaceName.problemWith(candidate)).isEqualTo(problem);
        assertThatThrownBy(() -> new WorkspaceName(candidate))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("name " + problem)
                .asInstanceOf(type(InvalidValueException.class))
                .satisfies(e -> {
                    assertThat(e.field()).isEqualTo("name");
                    assertThat(e.problem()).isEqualTo(problem);
                });
        assertThatThrownBy(() -> WorkspaceName.of(candidate)).isInstanceOf(InvalidValueException.class);
    }
}
