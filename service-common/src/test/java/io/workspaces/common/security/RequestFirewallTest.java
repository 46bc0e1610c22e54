package io.workspaces.common.security;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The loop-based checks accept exactly what Spring Security's own expressions accept. */
class RequestFirewallTest {

    private static final Pattern SPRING_NAME_RULE = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
    private static final Pattern SPRING_VALUE_RULE = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

    @Test
    void agreesWithSpringSecuritysExpressionsOnGeneratedStrings() {
        Arbitrary<String> anything = Arbitraries.strings().all().ofMaxLength(40);
        Arbitrary<String> mostlyAscii = Arbitraries.strings().withCharRange(' ', '~').withChars('\t', '\n', '\r', '\u007f',
                '\u0000', '\u0085', '\u0378', '\u200e', '\ud83d', '\ude00', '\ufffe').ofMaxLength(300);
        anything.sampleStream().limit(5_000).forEach(RequestFirewallTest::agree);
        mostlyAscii.sampleStream().limit(5_000).forEach(RequestFirewallTest::agree);
    }

    @Test
    void acceptsTokensAndUnicodeAndRefusesControlsAndUnassignedCodePoints() {
        String bearer = "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl-_";
        assertThat(RequestFirewall.HEADER_VALUE.test(bearer)).isTrue();
        assertThat(RequestFirewall.HEADER_VALUE.test("na\u00efve \u65e5\u672c \ud83d\ude00\tend")).isTrue();
        assertThat(RequestFirewall.HEADER_VALUE.test(null)).isTrue();
        assertThat(RequestFirewall.HEADER_VALUE.test("line\nbreak")).isFalse();
        assertThat(RequestFirewall.HEADER_VALUE.test("del\u007f")).isFalse();
        assertThat(RequestFirewall.HEADER_VALUE.test("unassigned\u0378")).isFalse();
        assertThat(RequestFirewall.ASSIGNED_AND_NOT_CONTROL.test("X-Request-Id")).isTrue();
        assertThat(RequestFirewall.ASSIGNED_AND_NOT_CONTROL.test("tab\there")).isFalse();
        List.of("", "a", "\u0000").forEach(RequestFirewallTest::agree);
    }

    private static void agree(String value) {
        assertThat(RequestFirewall.ASSIGNED_AND_NOT_CONTROL.test(value)).as("name rule on %s", escaped(value))
                .isEqualTo(SPRING_NAME_RULE.matcher(value).matches());
        assertThat(RequestFirewall.HEADER_VALUE.test(value)).as("value rule on %s", escaped(value))
                .isEqualTo(SPRING_VALUE_RULE.matcher(value).matches());
    }

    private static String escaped(String value) {
        StringBuilder out = new StringBuilder();
        value.chars().forEach(c -> out.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("\\u%04x", c)));
        return out.toString();
    }
}
