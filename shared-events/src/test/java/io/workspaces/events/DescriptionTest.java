package io.workspaces.events;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

/** At most 1000 code points; no C0/C1 control characters but tab, LF, CR; no bidi overrides; valid Unicode. */
class DescriptionTest {

    private static final String GRINNING = "\ud83d\ude00"; // U+1F600, two UTF-16 chars

    @Test
    void emptyIsAllowedAndNullMeansEmpty() {
        assertThat(Description.of("").value()).isEmpty();
        assertThat(Description.of(null)).isEqualTo(Description.EMPTY);
        assertThat(Description.EMPTY.value()).isEmpty();
    }

    @Test
    void theConstructorRefusesNull() {
        assertRefused(null, "must not be null");
    }

    @Test
    void aThousandCharactersAreAllowed() {
        String text = "x".repeat(1000);
        assertThat(Description.of(text).value()).isEqualTo(text);
    }

    @Test
    void aThousandAndOneCharactersAreRefused() {
        assertRefused("x".repeat(1001), "must be at most 1000 characters");
    }

    @Test
    void lengthCountsCodePointsSoAThousandEmojiAreAllowed() {
        String text = GRINNING.repeat(1000);
        assertThat(text.length()).isEqualTo(2000);
        assertThat(Description.of(text).value()).isEqualTo(text);
    }

    @Test
    void aThousandAndOneEmojiAreRefused() {
        assertRefused(GRINNING.repeat(1001), "must be at most 1000 characters");
    }

    @Test
    void aThousandMixedCharactersAreAllowed() {
        String text = "a".repeat(500) + GRINNING.repeat(250) + "\u00e9".repeat(250);
        assertThat(text.codePointCount(0, text.length())).isEqualTo(1000);
        assertThat(Description.of(text).value()).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"line one\nline two", "col\tcol", "windows\r\nline", "\t\n\r",
            "unicode: \u00e9t\u00e9, \u4e2d\u6587, \u0645\u0631\u062d\u0628\u0627 " + GRINNING,
            "symbols <>&\"'%/\\ are fine"})
    void textWithTabsNewlinesAndUnicodeIsAllowed(String text) {
        assertThat(Description.problemWith(text)).isNull();
        assertThat(Description.of(text)).hasToString(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0000", "before\u0000after", "\u0001", "bell\u0007", "esc\u001b[31m", "\u000b",
            "form\u000cfeed", "\u001f", "del\u007f", "next\u0085line", "c1\u009f"})
    void nulAndOtherControlCharactersAreRefused(String text) {
        assertRefused(text, "must not contain control characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"invoice\u202egpj.exe", "\u202aembedded", "isolate\u2066x\u2069", "line\u2028sep",
            "para\u2029sep"})
    void bidirectionalOverridesAndUnicodeLineSeparatorsAreRefused(String text) {
        assertRefused(text, "must not contain bidirectional overrides or line/paragraph separators");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\ud83d", "broken \ud83d", "\ud83d end", "\ude00", "low \ude00 first",
            "\ude00\ud83d", "\ud83d\ud83d\ude00"})
    void unpairedSurrogatesAreRefused(String text) {
        assertRefused(text, "must be valid Unicode (unpaired surrogate)");
    }

    private static void assertRefused(String text, String problem) {
        assertThat(Description.problemWith(text)).isEqualTo(problem);
        assertThatThrownBy(() -> new Description(text))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("description " + problem)
                .asInstanceOf(type(InvalidValueException.class))
                .satisfies(e -> assertThat(e.field()).isEqualTo("description"));
    }
}
