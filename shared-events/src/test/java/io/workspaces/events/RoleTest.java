package io.workspaces.events;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

/** §3.2: viewer &lt; editor &lt; admin, written as lowercase names. */
class RoleTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @ParameterizedTest
    @CsvSource({"viewer, VIEWER", "editor, EDITOR", "admin, ADMIN"})
    void wireNamesParse(String wireName, Role role) {
        assertThat(Role.parse(wireName)).isEqualTo(role);
        assertThat(role.wireName()).isEqualTo(wireName);
        assertThat(role).hasToString(wireName);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"Admin", "ADMIN", "VIEWER", " admin", "admin ", "owner", "reader", "platform-admin",
            "*", "0", "2"})
    void anythingElseIsRefused(String candidate) {
        assertThatThrownBy(() -> Role.parse(candidate))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("role must be one of viewer, editor, admin")
                .asInstanceOf(type(InvalidValueException.class))
                .satisfies(e -> assertThat(e.field()).isEqualTo("role"));
    }

    @Test
    void allowedValuesListsTheRolesInOrder() {
        assertThat(Role.allowedValues()).isEqualTo("viewer, editor, admin");
    }

    @Test
    void rolesAreOrderedByPower() {
        assertThat(Role.values()).containsExactly(Role.VIEWER, Role.EDITOR, Role.ADMIN);
    }

    @ParameterizedTest(name = "{0} at least {1}: {2}")
    @CsvSource({
            "VIEWER, VIEWER, true", "VIEWER, EDITOR, false", "VIEWER, ADMIN, false",
            "EDITOR, VIEWER, true", "EDITOR, EDITOR, true", "EDITOR, ADMIN, false",
            "ADMIN, VIEWER, true", "ADMIN, EDITOR, true", "ADMIN, ADMIN, true"})
    void atLeastFollowsTheOrder(Role role, Role other, boolean expected) {
        assertThat(role.atLeast(other)).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void jsonUsesTheWireNameBothWays(Role role) throws Exception {
        String json = mapper.writeValueAsString(role);
        assertThat(json).isEqualTo("\"" + role.wireName() + "\"");
        assertThat(mapper.readValue(json, Role.class)).isEqualTo(role);
    }

    @Test
    void jsonRoundTripsInsideCollectionsAndEvents() throws Exception {
        Map<String, Role> members = Map.of("alice", Role.ADMIN, "*", Role.VIEWER);
        String json = mapper.writeValueAsString(members);
        assertThat(json).contains("\"alice\":\"admin\"").contains("\"*\":\"viewer\"");
        assertThat(mapper.readValue(json, new TypeReference<Map<String, Role>>() { })).isEqualTo(members);

        List<Role> roles = mapper.readValue("[\"viewer\",\"editor\",\"admin\"]", new TypeReference<>() { });
        assertThat(roles).containsExactly(Role.VIEWER, Role.EDITOR, Role.ADMIN);

        MemberRoleChanged event = new MemberRoleChanged(UUID.randomUUID(), "bob", Role.VIEWER, Role.EDITOR);
        String eventJson = mapper.writeValueAsString(event);
        assertThat(eventJson).contains("\"oldRole\":\"viewer\"").contains("\"newRole\":\"editor\"");
        assertThat(mapper.readValue(eventJson, MemberRoleChanged.class)).isEqualTo(event);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"ADMIN\"", "\"Admin\"", "\"owner\"", "\"\""})
    void jsonRefusesAnythingButTheWireNames(String json) {
        assertThatThrownBy(() -> mapper.readValue(json, Role.class))
                .hasRootCauseInstanceOf(InvalidValueException.class)
                .hasRootCauseMessage("role must be one of viewer, editor, admin");
    }

    @ParameterizedTest(name = "own {0}, everyone {1} -> {2}")
    @CsvSource(nullValues = "none", value = {
            "none, none, none", "viewer, none, viewer", "none, editor, editor",
            "viewer, editor, editor", "admin, editor, admin", "editor, editor, editor"})
    void theEffectiveRoleIsTheHigherOfTheOwnAndTheEveryoneBinding(String own, String everyone, String effective) {
        assertThat(Role.effective(own == null ? null : Role.parse(own), everyone == null ? null : Role.parse(everyone)))
                .isEqualTo(effective == null ? null : Role.parse(effective));
    }
}
