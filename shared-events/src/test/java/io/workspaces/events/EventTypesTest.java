package io.workspaces.events;

import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/**
 * Schema evolution (docs/domain.md): every event type has a stable name and a {@code @Revision}. The stable names are pinned
 * here on purpose: they are stored forever and sent to consumers, so changing one must break this test.
 */
class EventTypesTest {

    static List<Class<?>> eventClasses() {
        return Arrays.asList(WorkspaceEvent.class.getPermittedSubclasses());
    }

    @Test
    void theStableNamesAreExactlyThese() {
        assertThat(EventTypes.all()).containsOnly(
                entry(WorkspaceCreated.class, "workspace.created"),
                entry(WorkspaceDescriptionUpdated.class, "workspace.description-updated"),
                entry(MemberAdded.class, "workspace.member-added"),
                entry(MemberRoleChanged.class, "workspace.member-role-changed"),
                entry(MemberRemoved.class, "workspace.member-removed"),
                entry(EntityRegistered.class, "workspace.entity-registered"),
                entry(EntityUnregistered.class, "workspace.entity-unregistered"),
                entry(WorkspaceDeleted.class, "workspace.deleted"));
    }

    @Test
    void everyPermittedEventHasANameAndNothingElseHasOne() {
        assertThat(eventClasses()).hasSize(8);
        assertThat(EventTypes.all().keySet()).containsExactlyInAnyOrderElementsOf(
                eventClasses().stream().map(c -> c.asSubclass(WorkspaceEvent.class)).toList());
    }

    @Test
    void namesAreUnique() {
        Map<Class<? extends WorkspaceEvent>, String> all = EventTypes.all();
        Set<String> names = new HashSet<>(all.values());
        assertThat(names).hasSize(all.size());
    }

    @ParameterizedTest
    @MethodSource("eventClasses")
    void nameAndClassMapBothWays(Class<?> eventClass) {
        String name = EventTypes.nameOf(eventClass).orElseThrow();
        assertThat(EventTypes.classOf(name)).contains(eventClass.asSubclass(WorkspaceEvent.class));
    }

    @ParameterizedTest
    @MethodSource("eventClasses")
    void namesAreShortLowercaseAndFreeOfJavaNames(Class<?> eventClass) {
        String name = EventTypes.nameOf(eventClass).orElseThrow();
        assertThat(name)
                .matches("^workspace\\.[a-z]+(-[a-z]+)*$")
                .doesNotContain("io.workspaces")
                .doesNotContain(eventClass.getPackageName())
                .doesNotContain(eventClass.getName())
                .doesNotContainIgnoringCase(eventClass.getSimpleName())
                .doesNotContain("$");
    }

    @Test
    void unknownClassesAndNamesHaveNoMapping() {
        assertThat(EventTypes.nameOf(String.class)).isEmpty();
        assertThat(EventTypes.nameOf(WorkspaceEvent.class)).isEmpty();
        assertThat(EventTypes.nameOf(null)).isEmpty();
        assertThat(EventTypes.classOf("workspace.renamed")).isEmpty();
        assertThat(EventTypes.classOf("WorkspaceCreated")).isEmpty();
        assertThat(EventTypes.classOf("Workspace.Created")).isEmpty();
        assertThat(EventTypes.classOf(null)).isEmpty();
        // the Java class name is never a type name
        assertThat(EventTypes.classOf(WorkspaceCreated.class.getName())).isEmpty();
    }

    @Test
    void theMappingCannotBeChangedFromOutside() {
        Map<Class<? extends WorkspaceEvent>, String> all = EventTypes.all();
        assertThatThrownBy(() -> all.put(WorkspaceCreated.class, "hacked"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(EventTypes.nameOf(WorkspaceCreated.class)).contains("workspace.created");
    }

    @ParameterizedTest
    @MethodSource("eventClasses")
    void everyEventIsARecordWithARevision(Class<?> eventClass) {
        assertThat(eventClass.isRecord()).as("%s is a record", eventClass.getSimpleName()).isTrue();
        Revision revision = eventClass.getAnnotation(Revision.class);
        assertThat(revision).as("@Revision on %s", eventClass.getSimpleName()).isNotNull();
        assertThat(revision.value()).matches("[1-9][0-9]*");
    }

    @ParameterizedTest
    @MethodSource("eventClasses")
    void everyEventCarriesItsWorkspaceIdFirst(Class<?> eventClass) {
        RecordComponent first = eventClass.getRecordComponents()[0];
        assertThat(first.getName()).isEqualTo("workspaceId");
        assertThat(first.getType()).isEqualTo(UUID.class);
    }

    @ParameterizedTest
    @MethodSource("eventClasses")
    void eventsHoldPlainDataNotTheValidatingValueTypes(Class<?> eventClass) {
        // stored events must always read back, even if input rules tighten later (WorkspaceEvent javadoc)
        Set<Class<?>> plain = Set.of(String.class, UUID.class, Role.class, boolean.class);
        assertThat(eventClass.getRecordComponents())
                .extracting(RecordComponent::getType)
                .allSatisfy(t -> assertThat(plain).contains(t));
    }
}
